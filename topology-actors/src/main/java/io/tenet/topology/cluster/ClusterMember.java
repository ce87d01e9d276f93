package io.tenet.topology.cluster;

import java.util.List;

/**
 * One controller node: its membership status (Pekko's, in lower snake case: joining, weakly_up,
 * up, leaving, exiting, down, removed, ...), its roles, whether this node can reach it, whether it
 * is the leader, and how many shards and entities it hosts over all entity types ({@code null}
 * when its shard regions did not answer in time).
 */
public record ClusterMember(String address, String status, List<String> roles, boolean reachable, boolean leader, Integer shards, Integer entities) {
  public ClusterMember {
    roles = List.copyOf(roles);
  }
}
