package io.tenet.topology.cluster;

import java.util.Set;

/** What cluster membership says of one member, before shard counts are added; {@code pekkoStatus} as Pekko names it ("WeaklyUp"). */
public record MemberFacts(String address, String pekkoStatus, Set<String> roles, boolean reachable) {
  public MemberFacts {
    roles = Set.copyOf(roles);
  }
}
