package io.tenet.switches.reconcile;

import java.util.Arrays;

/** A group reduced to its id, type and buckets as wire bytes: what reconciliation compares and sends. */
public record SwitchGroup(long groupId, int type, byte[] buckets) {
  public boolean sameAs(SwitchGroup other) {
    return type == other.type && Arrays.equals(buckets, other.buckets);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SwitchGroup that && groupId == that.groupId && sameAs(that);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(groupId) + type) + Arrays.hashCode(buckets);
  }

  @Override
  public String toString() {
    return "SwitchGroup[" + groupId + ", type " + type + ", " + buckets.length + " bytes of buckets]";
  }
}
