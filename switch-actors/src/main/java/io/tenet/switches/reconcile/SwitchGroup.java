package io.tenet.switches.reconcile;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;

/** A group reduced to its id, type and buckets as wire bytes; {@code buckets} is complete for desired groups, which are the only ones ever sent. */
public record SwitchGroup(long groupId, int type, List<OFBucket> buckets, String bucketsHex) {
  public SwitchGroup {
    buckets = List.copyOf(buckets);
  }

  public boolean sameAs(SwitchGroup other) {
    return type == other.type && bucketsHex.equals(other.bucketsHex);
  }
}
