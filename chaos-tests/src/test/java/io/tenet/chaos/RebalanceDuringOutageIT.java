package io.tenet.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node that joins (a restart in a rolling deploy) just before Cassandra goes down must not make
 * live objects stop answering: the shard coordinator would otherwise rebalance shards to it, and
 * their entities, stopped on the old node, cannot recover from a journal that is down. The moved
 * tenant alone fails every request of that tenant, since it checks the tenant's token.
 */
class RebalanceDuringOutageIT {
  private static final int NUMBER_OF_SHARDS = 100; // application.conf
  /** Two and a half of the coordinator's rebalance ticks (10 s). */
  private static final Duration OUTAGE = Duration.ofSeconds(25);

  @Test
  void liveObjectsKeepAnsweringWhileANewNodeWaitsForItsShards() throws Exception {
    try (LocalStack stack = LocalStack.create(2)) {
      try {
        outageWithANewNode(stack);
      } finally {
        keepLogs(stack);
      }
    }
  }

  private static void outageWithANewNode(LocalStack stack) throws Exception {
    BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(20));
    stack.start(api);
    // node 1 leaves first, so that everything below lives on node 0 alone; when it comes back it
    // has no shard of any type, and the coordinator wants to move some to it on every tick
    assertTrue(stack.node(1).stop(), "node 1 left by itself");
    String token = api.createTenant(stack.adminToken(), "rebalance");
    String network = api.createNetwork(token, "n", "10.60.0.0/16");
    List<String> ports = new ArrayList<>();
    for (String id : oneIdPerShard()) {
      BenchmarkApi.Answer created = api.post("/ports", token, "{\"id\":\"" + id + "\",\"network_id\":\"" + network + "\"}");
      assertEquals(201, created.status(), created::body);
      ports.add(id);
    }
    stack.restartNode(1);
    for (String port : ports) awaitReadable(api, token, port);
    int node1ShardsBefore = shardsOf(api, stack.adminToken(), stack.node(1).clusterAddress());

    stack.stopCassandra();
    TreeMap<String, Integer> failedReads = new TreeMap<>();
    long until = System.nanoTime() + OUTAGE.toNanos();
    int rounds = 0;
    long slowestRead = 0;
    while (System.nanoTime() < until) {
      for (String port : ports) {
        if (System.nanoTime() > until) break;
        long begin = System.nanoTime();
        int status = api.get("/ports/" + port, token).status();
        if (status != 200) failedReads.merge(port + " " + status, 1, Integer::sum);
        slowestRead = Math.max(slowestRead, (System.nanoTime() - begin) / 1_000_000);
      }
      if (System.nanoTime() <= until) rounds++;
    }
    assertTrue(rounds >= 2, "every port was read only " + rounds + " times (slowest read " + slowestRead + " ms; failed: " + failedReads + ")");
    assertEquals(new TreeMap<>(), failedReads, "reads of live ports during the outage (port and status: how often)");
    String coordinatorLog = Files.readString(stack.node(0).log());
    assertTrue(coordinatorLog.contains("held back: the journal did not confirm a write"),
        "the coordinator (node 0, the oldest) never wanted to rebalance during the outage: the test proved nothing");

    stack.startCassandra();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int node1Shards = node1ShardsBefore;
    while (node1Shards <= node1ShardsBefore && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      node1Shards = shardsOf(api, stack.adminToken(), stack.node(1).clusterAddress());
    }
    assertTrue(node1Shards > node1ShardsBefore, "once Cassandra was back, rebalancing resumed: node 1 hosted " + node1ShardsBefore
        + " shards before and " + node1Shards + " after");
  }

  private static void awaitReadable(BenchmarkApi api, String token, String port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    BenchmarkApi.Answer read = api.get("/ports/" + port, token);
    while (read.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      read = api.get("/ports/" + port, token);
    }
    assertEquals(200, read.status(), () -> "port " + port + " before the outage");
  }

  /** The nodes' logs outlive the stack's directory, for a failure to be read. */
  private static void keepLogs(LocalStack stack) throws java.io.IOException {
    Path kept = Path.of("target", "rebalance-during-outage");
    Files.createDirectories(kept);
    for (int i = 0; i < stack.nodes().size(); i++) {
      Path log = stack.node(i).log();
      if (Files.exists(log)) Files.copy(log, kept.resolve("node" + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Port ids that sharding places one in each shard (Pekko's default: the id's hash modulo the number of shards). */
  private static List<String> oneIdPerShard() {
    String[] ids = new String[NUMBER_OF_SHARDS];
    int found = 0;
    while (found < NUMBER_OF_SHARDS) {
      String candidate = UUID.randomUUID().toString();
      int shard = Math.abs(candidate.hashCode() % NUMBER_OF_SHARDS);
      if (ids[shard] == null) {
        ids[shard] = candidate;
        found++;
      }
    }
    return List.of(ids);
  }

  private static int shardsOf(BenchmarkApi api, String adminToken, String address) throws Exception {
    JsonNode cluster = api.get("/cluster", adminToken).json();
    for (JsonNode member : cluster.path("members")) {
      if (member.path("address").asText().equals(address)) return member.path("shards").asInt(-1);
    }
    throw new IllegalStateException(address + " is not a member: " + cluster);
  }
}
