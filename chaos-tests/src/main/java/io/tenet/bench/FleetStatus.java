package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The fleet as the node answering the API sees it: datapaths OpenFlow-connected, mastered and converged, by the node hosting each. */
final class FleetStatus {
  private FleetStatus() {}

  /** Node (cluster address) to the number of its datapaths that are ready; empty if the node did not answer. */
  static Map<String, Integer> readyPerNode(BenchmarkApi api, LocalStack stack) {
    Map<String, Integer> perNode = new HashMap<>();
    try {
      BenchmarkApi.Answer answer = api.get("/datapaths", stack.adminToken());
      if (answer.status() != 200) return perNode;
      for (JsonNode dp : answer.json().path("datapaths")) {
        if (dp.path("openflow_connected").asBoolean() && "master".equals(dp.path("role").asText()) && dp.path("converged").asBoolean()) {
          perNode.merge(dp.path("node").asText(), 1, Integer::sum);
        }
      }
    } catch (Exception slow) {
      // a node taking over may answer slowly: counted as nothing ready this time
    }
    return perNode;
  }

  /** The status of every datapath that is not ready, for the message of a benchmark that gave up. */
  static String notReady(BenchmarkApi api, LocalStack stack) {
    try {
      StringBuilder out = new StringBuilder();
      for (JsonNode dp : api.get("/datapaths", stack.adminToken()).json().path("datapaths")) {
        if (!(dp.path("openflow_connected").asBoolean() && "master".equals(dp.path("role").asText()) && dp.path("converged").asBoolean())) out.append("\n  ").append(dp);
      }
      return out.toString();
    } catch (Exception e) {
      return "(unreadable: " + e + ")";
    }
  }

  static int ready(BenchmarkApi api, LocalStack stack) {
    return readyPerNode(api, stack).values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Waits until {@code count} datapaths are ready; answers how many each node hosts. */
  static Map<String, Integer> awaitAllReady(BenchmarkApi api, LocalStack stack, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int ready = 0;
    while (System.nanoTime() < deadline) {
      Map<String, Integer> perNode = readyPerNode(api, stack);
      ready = perNode.values().stream().mapToInt(Integer::intValue).sum();
      if (ready >= count) return perNode;
      Thread.sleep(1000);
    }
    throw new IllegalStateException("only " + ready + " of " + count + " datapaths converged within " + timeout.toSeconds() + " s; the others: " + notReady(api, stack));
  }
}
