package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.GroupEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What lets traffic between the physical network and a gateway (a router's, or a layer-2 one) pass on this host, a
 * fast-failover group ({@code groupId}): it drops the packet while any host ranked before this one
 * is reachable ({@code rankedBefore}), and passes it on once all are gone, if this host is
 * {@code armed}: its BFD sessions to those hosts had the time to come up (before that, "not up"
 * would only mean "not up yet", and two hosts would answer for one address).
 */
public record GatewayGate(long groupId, List<GatewayHop> rankedBefore, boolean armed) {
  /** Gate groups are numbered from here plus the gateway's NAT zone on the datapath (unique per datapath, apart from flood groups' 2*VNI+1). */
  public static final long GROUP_BASE = 0x5000_0000L;

  public GatewayGate {
    rankedBefore = List.copyOf(rankedBefore);
  }

  /**
   * The gate as a fast-failover group: while a host ranked before this one is reachable, its
   * watched bucket (no actions) drops the packet; when none is, an armed host applies {@code pass}.
   * A host ranked before with no peer tunnel to watch counts as reachable.
   */
  public GroupEntry group(List<Action> pass, Cookie cookie) {
    List<GroupEntry.Bucket> buckets = new ArrayList<>();
    boolean blocked = false;
    for (GatewayHop hop : rankedBefore) {
      if (hop instanceof GatewayHop.Peer peer) {
        buckets.add(GroupEntry.Bucket.watching(peer.peerOfport(), List.of()));
      } else {
        blocked = true;
        break;
      }
    }
    buckets.add(GroupEntry.Bucket.always(blocked || !armed ? List.of() : pass));
    return new GroupEntry(groupId, GroupEntry.Type.FAST_FAILOVER, buckets, cookie);
  }

  /** The gate of a host ranked first: it always passes. */
  public static GatewayGate first(int natZone) {
    return new GatewayGate(GROUP_BASE + natZone, List.of(), true);
  }
}
