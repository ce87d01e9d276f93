package io.tenet.topology.cluster;

import java.util.List;

/**
 * The controller cluster as one node sees it: {@code self} answers, {@code leader} is the
 * cluster leader (null while there is none), members by address. Addresses are host:port of the
 * cluster (remoting) address.
 */
public record ClusterStatus(String self, String leader, List<ClusterMember> members) {
  public ClusterStatus {
    members = List.copyOf(members);
  }
}
