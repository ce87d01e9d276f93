package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * What an external network or a layer-2 gateway ({@code l2Gateway} true; null in claims recorded
 * before those existed) holds on the physical world: its segment, and an external network's
 * subnets' ranges, which no other claim may share.
 */
public record ExternalClaim(ProviderSegment segment, List<String> cidrs, Boolean l2Gateway) implements TenetSerializable {
  public ExternalClaim {
    cidrs = Lists.copyOrEmpty(cidrs);
  }

  /** An external network's claim. */
  public ExternalClaim(ProviderSegment segment, List<String> cidrs) {
    this(segment, cidrs, null);
  }

  /** A layer-2 gateway's claim: its VLAN only (the tenant network's addresses are its own). */
  public static ExternalClaim ofL2Gateway(ProviderSegment segment) {
    return new ExternalClaim(segment, List.of(), true);
  }

  public boolean byL2Gateway() {
    return Boolean.TRUE.equals(l2Gateway);
  }
}
