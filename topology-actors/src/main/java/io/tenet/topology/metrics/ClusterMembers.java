package io.tenet.topology.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/** The cluster as this node sees it: members by status, and how many it cannot reach. */
final class ClusterMembers {
  /** Always present, so a dashboard sees 0 rather than no series. */
  static final Set<String> STATUSES = Set.of("joining", "weakly_up", "up", "leaving", "exiting", "down");

  private ClusterMembers() {}

  static void register(ActorSystem<?> system, Gauge byStatus, Gauge unreachable) {
    if (!"cluster".equals(system.settings().config().getString("pekko.actor.provider"))) return; // a local system (some tests) has no members
    byStatus.source(() -> byStatus(Cluster.get(system).state()));
    unreachable.sourceOfOne(() -> (double) Cluster.get(system).state().getUnreachable().size());
  }

  static Map<List<String>, Double> byStatus(ClusterEvent.CurrentClusterState state) {
    Map<List<String>, Double> counts = new HashMap<>();
    STATUSES.forEach(status -> counts.put(List.of(status), 0.0));
    for (Member member : state.getMembers()) counts.merge(List.of(EntityTypeLabel.of(member.status().toString())), 1.0, Double::sum);
    return counts;
  }
}
