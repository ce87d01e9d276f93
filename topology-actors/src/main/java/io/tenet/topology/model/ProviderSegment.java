package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;

/**
 * A validated segment of a physical network: the untagged segment of {@code physicalNetwork}
 * ({@code segmentationId} null), or one of its VLANs. Two external networks never share one.
 */
public record ProviderSegment(ProviderType type, String physicalNetwork, Integer segmentationId) implements TenetSerializable {
  /** Whether traffic of this segment and {@code other} would meet on the wire. */
  public boolean collidesWith(ProviderSegment other) {
    return physicalNetwork.equals(other.physicalNetwork) && type == other.type
        && (type == ProviderType.FLAT || segmentationId.equals(other.segmentationId));
  }

  @Override
  public String toString() {
    return type == ProviderType.FLAT ? physicalNetwork + " (flat)" : physicalNetwork + " VLAN " + segmentationId;
  }
}
