package io.tenet.topology.model;

import java.util.List;

/**
 * A validated network definition: defaults filled, subnets checked. {@code requestedVni} may be null.
 * {@code provider} is set exactly when {@code external} (false in events written before external networks existed).
 */
public record NetworkSpec(String name, Integer requestedVni, int mtu, boolean adminStateUp, List<Subnet> subnets, boolean external, ProviderSegment provider) {
  public NetworkSpec {
    subnets = Lists.copyOrEmpty(subnets);
  }

  /** A tenant network. */
  public NetworkSpec(String name, Integer requestedVni, int mtu, boolean adminStateUp, List<Subnet> subnets) {
    this(name, requestedVni, mtu, adminStateUp, subnets, false, null);
  }

  /** What this network holds on the physical network, or null for a tenant network. */
  public ExternalClaim claim() {
    return external ? claimOf(provider, subnets) : null;
  }

  public static ExternalClaim claimOf(ProviderSegment provider, List<Subnet> subnets) {
    return new ExternalClaim(provider, subnets.stream().map(Subnet::cidr).toList());
  }
}
