package io.tenet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.api.console.ConsoleSnapshot;
import io.tenet.topology.Caller;
import io.tenet.topology.cluster.ClusterMember;
import io.tenet.topology.cluster.ClusterStatus;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's routes on a real server: the event stream as a browser's fetch reads it, and the bundled page. */
class ConsoleRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicReference<ConsoleSnapshot> current = new AtomicReference<>(snapshot(null));
  private static ServerBinding binding;

  @BeforeAll
  static void bind() throws Exception {
    ConsoleRoutes console = new ConsoleRoutes(() -> CompletableFuture.completedFuture(current.get()), Duration.ofMillis(50));
    var route = console.concat(console.assets(),
        console.pathPrefix("admin", () -> console.stream(Caller.administrator())),
        console.pathPrefix("tenant", () -> console.stream(Caller.tenant("t1"))));
    binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  private static ConsoleSnapshot snapshot(String boundOn) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    PortBinding binding = boundOn == null ? null : new PortBinding(boundOn, "hv1", "192.168.1.1", 7);
    PortView port = new PortView("p1", "t1", "n1", "vm1", "fa:16:3e:00:00:01", List.of(new FixedIp("s1", "10.0.0.5")), List.of(), true, true, "", "",
        boundOn == null ? "DOWN" : "ACTIVE", binding, t, t, 1, null);
    ClusterStatus cluster = new ClusterStatus("127.0.0.1:25520", "127.0.0.1:25520",
        List.of(new ClusterMember("127.0.0.1:25520", "up", List.of(), true, true, 4, 9)));
    return new ConsoleSnapshot(cluster, List.of(), List.of(), List.of(), List.of(port), List.of(), List.of());
  }

  /** The next server-sent event (type and data), skipping heartbeats. */
  private static String[] nextEvent(Iterator<String> lines) {
    String type = null;
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (type != null) return new String[] {type, data.toString()};
        continue;
      }
      if (line.startsWith("event:")) type = line.substring(6).trim();
      if (line.startsWith("data:")) data.append(line.substring(5).trim());
    }
    throw new AssertionError("the stream ended");
  }

  @Test
  void theStreamSendsASnapshotThenEventsAndTheNewSnapshotWhenSomethingChanges() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri("/admin/console/stream")).build(), HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), response.headers().toString());
      try (Stream<String> body = response.body()) {
        Iterator<String> lines = body.iterator();
        String[] first = nextEvent(lines);
        assertEquals("snapshot", first[0]);
        JsonNode snapshot = ApiJson.MAPPER.readTree(first[1]);
        assertEquals("127.0.0.1:25520", snapshot.at("/cluster/self").asText());
        assertEquals("vm1", snapshot.at("/ports/0/name").asText());
        assertTrue(snapshot.at("/ports/0/binding").isNull());

        current.set(snapshot("0000000000000001"));

        String[] event = nextEvent(lines);
        assertEquals("event", event[0]);
        JsonNode bound = ApiJson.MAPPER.readTree(event[1]);
        assertEquals("port_bound", bound.get("kind").asText());
        assertEquals("p1", bound.get("subject").asText());
        String[] next = nextEvent(lines);
        assertEquals("snapshot", next[0]);
        assertEquals("0000000000000001", ApiJson.MAPPER.readTree(next[1]).at("/ports/0/binding/datapath_id").asText());
      } finally {
        current.set(snapshot(null));
      }
    });
  }

  @Test
  void aTenantHasNoConsole() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/tenant/console/stream")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, response.statusCode());
    assertEquals("not_found", ApiJson.MAPPER.readTree(response.body()).at("/error/code").asText());
  }

  @Test
  void thePageAndItsAssetsAreBundled() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/console")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
    assertTrue(page.body().contains("/console/console.js"), page.body());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));

    HttpResponse<String> script = http.send(HttpRequest.newBuilder(uri("/console/console.js")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, script.statusCode());
    assertTrue(script.body().contains("/v1/console/stream"));
    HttpResponse<String> style = http.send(HttpRequest.newBuilder(uri("/console/console.css")).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(style.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), style.headers().toString());

    // the jar's root holds openapi.json: the asset directory must not reach out of console/
    for (String escape : List.of("/console/%2e%2e/openapi.json", "/console/..%2fopenapi.json", "/console/%2e%2e%2fopenapi.json")) {
      HttpResponse<String> outside = http.send(HttpRequest.newBuilder(uri(escape)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, outside.statusCode(), escape + " -> " + outside.body());
    }
  }
}
