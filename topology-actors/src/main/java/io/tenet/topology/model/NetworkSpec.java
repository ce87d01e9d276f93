package io.tenet.topology.model;

import java.util.List;

/** A validated network definition: defaults filled, subnets checked. {@code requestedVni} may be null. */
public record NetworkSpec(String name, Integer requestedVni, int mtu, boolean adminStateUp, List<Subnet> subnets) {
  public NetworkSpec {
    subnets = Lists.copyOrEmpty(subnets);
  }
}
