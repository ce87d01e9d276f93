package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.persistence.cassandra.LocalCassandra;
import io.tenet.persistence.cassandra.LocalCassandraSettings;
import io.tenet.persistence.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With Cassandra down, writes answer 503 with a clear code and change nothing, reads of live
 * objects keep answering; once it is back, writes work again and everything acknowledged before
 * the outage is still there.
 */
class StorageOutageIT {
  private static final int NUMBER_OF_SHARDS = 100;
  /** Longer than a shard's restart backoff (2 s) plus the API's ask timeout (10 s). */
  private static final Duration LIVE_READS_AFTER_FAILURE = Duration.ofSeconds(15);

  @Test
  void writesAnswer503WhileCassandraIsDownAndNothingAcknowledgedIsLost() throws Exception {
    Path home = Files.createTempDirectory("tenet-outage-cassandra");
    int[] ports = FreePorts.take(2);
    LocalCassandraSettings settings = LocalCassandraSettings.defaults(home).withPorts(ports[0], ports[1], LocalCassandraSettings.JMX_DISABLED);
    LocalCassandra cassandra = LocalCassandra.start(settings);
    try (NodeProcess node = NodeProcess.start("outage", cassandra.host() + ":" + cassandra.cqlPort(), List.of())) {
      ApiClient admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
      ApiClient tenant = admin.as(admin.post("/tenants", "{\"name\":\"outage\"}").json().get("token").asText());
      String net = tenant.post("/networks", "{\"name\":\"n\",\"subnets\":[{\"cidr\":\"10.40.0.0/24\"}]}").json().get("id").asText();
      ApiClient.Response acknowledged = createWithRetries(tenant, "{\"network_id\":\"" + net + "\",\"name\":\"before\"}", "before");
      assertEquals(201, acknowledged.status(), acknowledged::toString);
      String portsBefore = tenant.get("/ports?network_id=" + net).body();

      String livePort = acknowledged.json().get("id").asText();

      cassandra.stop();
      // a new port in the same shard as the live one: sharding starts (and remembers) its entity
      // before the journal refuses its first event
      String sameShard = idInShardOf(livePort);
      ApiClient.Response refused = tenant.post("/ports", "{\"id\":\"" + sameShard + "\",\"network_id\":\"" + net + "\",\"name\":\"during\"}");
      assertEquals(503, refused.status(), refused::toString);
      assertEquals("storage_unavailable", refused.errorCode());
      assertEquals(503, tenant.get("/health").status(), "health must say the node cannot write");
      assertEquals(503, tenant.get("/health/ready").status(), "not ready while the journal cannot write");
      assertEquals(200, tenant.get("/health/live").status(), "but alive: nothing a restart would fix");
      ApiClient root = new ApiClient(node.baseUrl().substring(0, node.baseUrl().length() - "/v1".length()), null);
      PrometheusText during = PrometheusText.parse(root.get("/metrics").body());
      assertTrue(during.value("tenet_storage_unavailable_total", Map.of()) >= 1, "the refused create was counted");
      assertTrue(during.value("tenet_api_requests_total", Map.of("method", "POST", "route", "/v1/ports", "status", "503")) >= 1, "503s are counted by route");
      // the journal's own failure comes when its circuit breaker gives up on the write, after the API's answer
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      double failures = 0;
      while (failures == 0 && System.nanoTime() < deadline) {
        failures = PrometheusText.parse(root.get("/metrics").body()).samples("tenet_persistence_failures_total", sample -> true).stream()
            .mapToDouble(PrometheusText.Sample::value).sum();
        if (failures == 0) Thread.sleep(500);
      }
      assertTrue(failures > 0, "journal write failures are counted");
      // the live port of that shard stays readable through the outage: the failed create must not
      // take its shard down with it
      long readUntil = System.nanoTime() + LIVE_READS_AFTER_FAILURE.toNanos();
      while (System.nanoTime() < readUntil) {
        ApiClient.Response read = tenant.get("/ports/" + livePort);
        assertEquals(200, read.status(), () -> "reading the live port " + livePort + " during the outage: " + read);
        Thread.sleep(500);
      }

      cassandra = LocalCassandra.start(settings);
      node.awaitHealthy(Duration.ofSeconds(90));
      assertEquals(portsBefore, tenant.get("/ports?network_id=" + net).body(), "the refused create left nothing, the acknowledged one is intact");
      ApiClient.Response after = createWithRetries(tenant, "{\"network_id\":\"" + net + "\",\"name\":\"after\"}", "after");
      assertEquals(201, after.status(), after::toString);
    } finally {
      cassandra.kill();
      NodeProcess.deleteTree(home);
    }
  }

  /**
   * An id that sharding places in the same shard as {@code entityId} (Pekko's default: the
   * id's hash code modulo the number of shards, 100 in application.conf).
   */
  private static String idInShardOf(String entityId) {
    int shard = Math.abs(entityId.hashCode() % NUMBER_OF_SHARDS);
    while (true) {
      String candidate = UUID.randomUUID().toString();
      if (Math.abs(candidate.hashCode() % NUMBER_OF_SHARDS) == shard) return candidate;
    }
  }

  /**
   * The client contract for 503: retry with the same Idempotency-Key. A fresh Cassandra on a
   * loaded 2-core machine can take longer than the ask timeout for its first writes.
   */
  private static ApiClient.Response createWithRetries(ApiClient tenant, String body, String key) throws InterruptedException {
    ApiClient.Response response = tenant.post("/ports", body, key);
    for (int attempt = 1; attempt < 6 && response.status() == 503; attempt++) {
      Thread.sleep(1000);
      response = tenant.post("/ports", body, key);
    }
    return response;
  }
}
