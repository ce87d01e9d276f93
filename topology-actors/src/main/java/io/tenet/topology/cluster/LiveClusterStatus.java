package io.tenet.topology.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;

/**
 * Reads membership from this node's cluster state and shard counts from every entity type's
 * regions ({@code GetClusterShardingStats}, which asks each member's region). A member whose
 * region does not answer within {@link #STATS_TIMEOUT} is left out of that type's answer, and so
 * gets null counts.
 */
public final class LiveClusterStatus implements ClusterQueries {
  static final Duration STATS_TIMEOUT = Duration.ofMillis(1500);

  private final ActorSystem<?> system;

  public LiveClusterStatus(ActorSystem<?> system) {
    this.system = system;
  }

  @Override
  public CompletionStage<ClusterStatus> status() {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    Set<Member> unreachable = state.getUnreachable();
    List<MemberFacts> members = new ArrayList<>();
    for (Member member : state.getMembers()) {
      members.add(new MemberFacts(hostPort(member.address()), member.status().toString(), member.getRoles(), !unreachable.contains(member)));
    }
    String self = hostPort(Cluster.get(system).selfMember().address());
    String leader = Optional.ofNullable(state.getLeader()).map(LiveClusterStatus::hostPort).orElse(null);
    List<CompletableFuture<Map<String, HostedShards>>> perType = shardTypeNames().stream().map(this::hosted).toList();
    return CompletableFuture.allOf(perType.toArray(CompletableFuture[]::new))
        .thenApply(done -> ClusterStatusMapping.status(self, leader, members, perType.stream().map(CompletableFuture::join).toList()));
  }

  private Set<String> shardTypeNames() {
    return ClusterSharding.get(Adapter.toClassic(system)).getShardTypeNames();
  }

  /** Never fails: a type whose stats cannot be had answers no member, so every member's counts are null. */
  private CompletableFuture<Map<String, HostedShards>> hosted(String typeName) {
    var region = ClusterSharding.get(Adapter.toClassic(system)).shardRegion(typeName);
    var request = new ShardRegion.GetClusterShardingStats(scala.concurrent.duration.FiniteDuration.fromNanos(STATS_TIMEOUT.toNanos()));
    return Patterns.ask(region, request, STATS_TIMEOUT.plusMillis(500)).toCompletableFuture()
        .thenApply(answer -> counts((ShardRegion.ClusterShardingStats) answer))
        .exceptionally(failure -> Map.of());
  }

  private static Map<String, HostedShards> counts(ShardRegion.ClusterShardingStats stats) {
    Map<String, HostedShards> hosted = new HashMap<>();
    stats.getRegions().forEach((address, region) -> {
      // a region that could not count some of its shards would give too small a number
      if (!region.getFailed().isEmpty()) return;
      Map<String, Object> shards = region.getStats().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      int entities = shards.values().stream().mapToInt(count -> ((Number) count).intValue()).sum();
      hosted.put(hostPort(address), new HostedShards(shards.size(), entities));
    });
    return hosted;
  }

  /** The form datapath statuses use for a node: host:port of its cluster address. */
  public static String hostPort(Address address) {
    return address.getHost().orElse("?") + ":" + address.getPort().map(String::valueOf).orElse("?");
  }
}
