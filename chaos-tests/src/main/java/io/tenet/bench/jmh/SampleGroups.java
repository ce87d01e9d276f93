package io.tenet.bench.jmh;

import java.util.Optional;

/**
 * Which security groups the sample datapath's ports are in, each holding Neutron's default rules
 * (ingress only from the group's own members): the cost of a member joining depends on how many
 * groups the datapath's rules tables name.
 */
public enum SampleGroups {
  /** No group: ports are not filtered. */
  NONE,
  /** One tenant: every port of every network in one default group. */
  ONE_TENANT,
  /** A tenant per network: each network's ports in their own default group, all named in the ingress table. */
  TENANT_PER_NETWORK;

  /** The group of network {@code n}'s ports. */
  Optional<String> groupOf(int n) {
    return switch (this) {
      case NONE -> Optional.empty();
      case ONE_TENANT -> Optional.of("default-group");
      case TENANT_PER_NETWORK -> Optional.of("default-group-" + n);
    };
  }
}
