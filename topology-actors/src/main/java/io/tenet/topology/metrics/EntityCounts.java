package io.tenet.topology.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * How many entities of each type run on this node, asked of the local shard regions at scrape
 * time. A region that does not answer in time keeps its last count rather than failing the scrape.
 */
final class EntityCounts {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final ActorSystem<?> system;
  private final Set<EntityTypeKey<?>> types = ConcurrentHashMap.newKeySet();
  private final Map<List<String>, Double> counts = new ConcurrentHashMap<>();

  EntityCounts(ActorSystem<?> system, Gauge gauge) {
    this.system = system;
    gauge.source(() -> Map.copyOf(counts));
  }

  void count(EntityTypeKey<?> type) {
    if (types.add(type)) counts.put(List.of(EntityTypeLabel.of(type.name())), 0.0);
  }

  CompletionStage<Void> refresh() {
    if (types.isEmpty()) return CompletableFuture.completedFuture(null);
    ClusterSharding sharding = ClusterSharding.get(system);
    CompletableFuture<?>[] asks = types.stream().map(type -> AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
            sharding.shardState(), replyTo -> new GetShardRegionState(type, replyTo), TIMEOUT, system.scheduler())
        .thenAccept(state -> counts.put(List.of(EntityTypeLabel.of(type.name())),
            (double) state.getShards().stream().mapToInt(shard -> shard.getEntityIds().size()).sum()))
        .exceptionally(failure -> null)
        .toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(asks);
  }
}
