package io.tenet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.topology.Caller;
import io.tenet.topology.cluster.ClusterMember;
import io.tenet.topology.cluster.ClusterStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/cluster}'s JSON, whose names the command line reads, and its refusal to tenants. */
class ClusterRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static ServerBinding binding;

  @BeforeAll
  static void bind() throws Exception {
    ClusterStatus status = new ClusterStatus("127.0.0.1:25520", "127.0.0.1:25520", List.of(
        new ClusterMember("127.0.0.1:25520", "up", List.of("api"), true, true, 12, 40),
        new ClusterMember("127.0.0.1:25521", "weakly_up", List.of(), false, false, null, null)));
    ClusterRoutes routes = new ClusterRoutes(() -> CompletableFuture.completedFuture(status));
    var route = routes.concat(
        routes.pathPrefix("admin", () -> routes.route(Caller.administrator())),
        routes.pathPrefix("tenant", () -> routes.route(Caller.tenant("t1"))));
    binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void administratorsGetTheMembersWithTheirCounts() throws Exception {
    HttpResponse<String> response = get("/admin/cluster");
    assertEquals(200, response.statusCode());
    JsonNode body = ApiJson.MAPPER.readTree(response.body());
    assertEquals(ApiJson.MAPPER.readTree("""
        {"self":"127.0.0.1:25520","leader":"127.0.0.1:25520","members":[
          {"address":"127.0.0.1:25520","status":"up","roles":["api"],"reachable":true,"leader":true,"shards":12,"entities":40},
          {"address":"127.0.0.1:25521","status":"weakly_up","roles":[],"reachable":false,"leader":false,"shards":null,"entities":null}]}
        """), body);
  }

  @Test
  void toATenantTheClusterDoesNotExist() throws Exception {
    HttpResponse<String> response = get("/tenant/cluster");
    assertEquals(404, response.statusCode());
    assertEquals("not_found", ApiJson.MAPPER.readTree(response.body()).at("/error/code").asText());
  }
}
