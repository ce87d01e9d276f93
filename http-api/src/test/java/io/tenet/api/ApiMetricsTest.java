package io.tenet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.metrics.NodeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request counters over a real HTTP server: one count per answered request, labelled by template and status. */
class ApiMetricsTest extends AllDirectives {
  static final ActorTestKit testKit = ActorTestKit.create("ApiMetricsTest");
  static final HttpClient http = HttpClient.newHttpClient();
  static ServerBinding binding;
  static NodeMetrics metrics;

  @BeforeAll
  static void bind() throws Exception {
    metrics = NodeMetrics.get(testKit.system());
    ApiMetrics api = new ApiMetrics(metrics, List.of("GET /v1/ports/{id}", "POST /v1/ports"));
    ApiMetricsTest routes = new ApiMetricsTest();
    binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0)
        .bind(api.instrument(() -> routes.pathPrefix("v1", () -> routes.concat(
            routes.path(PathMatchers.segment("ports").slash(PathMatchers.segment()), id -> routes.get(() -> routes.complete("port " + id))),
            routes.path("ports", () -> routes.post(() -> routes.complete(StatusCodes.CREATED)))))))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static int send(String method, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void countsEveryAnswerOnceByRouteTemplateAndStatus() throws Exception {
    assertEquals(200, send("GET", "/v1/ports/a"));
    assertEquals(200, send("GET", "/v1/ports/b"));
    assertEquals(201, send("POST", "/v1/ports"));
    assertEquals(405, send("DELETE", "/v1/ports"));
    assertEquals(404, send("GET", "/v1/elsewhere/x"));

    assertEquals(2.0, metrics.apiRequests().value("GET", "/v1/ports/{id}", "200"));
    assertEquals(1.0, metrics.apiRequests().value("POST", "/v1/ports", "201"));
    assertEquals(1.0, metrics.apiRequests().value("DELETE", "/v1/ports", "405"), "a rejection is counted with the status it is answered with");
    assertEquals(1.0, metrics.apiRequests().value("GET", RouteTemplates.UNMATCHED, "404"));
    assertEquals(2, metrics.apiRequestDuration().count("GET", "/v1/ports/{id}", "200"));
    assertEquals(0.0, metrics.apiRequests().value("GET", "/v1/ports/a", "200"), "never the raw path");

    String scraped = metrics.scrape().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(scraped.contains("tenet_api_requests_total{method=\"GET\",route=\"/v1/ports/{id}\",status=\"200\"} 2\n"), scraped);
    assertTrue(scraped.contains("# TYPE tenet_cluster_members gauge\n"), "a local actor system has no members, but the family is there: " + scraped);
  }
}
