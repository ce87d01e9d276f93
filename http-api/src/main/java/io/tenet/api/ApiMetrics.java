package io.tenet.api;

import io.tenet.topology.metrics.NodeMetrics;
import io.tenet.topology.metrics.TextExposition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Counts and times every API request by method, route template and status; serves the node's
 * metrics. The Neutron listener counts its requests through one too, under its own templates.
 */
public final class ApiMetrics extends AllDirectives {
  private static final ContentType PROMETHEUS_TEXT = ContentTypes.parse(TextExposition.CONTENT_TYPE);

  private final NodeMetrics metrics;
  private final RouteTemplates templates;

  /** {@code endpoints}: every route the API answers, as "METHOD /path/{param}" (the method is not used). */
  public ApiMetrics(NodeMetrics metrics, List<String> endpoints) {
    this.metrics = metrics;
    this.templates = new RouteTemplates(endpoints);
  }

  /** {@code inner} is sealed here, so its rejections and failures are counted with the status they are answered with. */
  public Route instrument(Supplier<Route> inner) {
    Route sealed = inner.get().seal();
    return extractRequest(request -> {
      long started = System.nanoTime();
      String method = RouteTemplates.method(request.method().name());
      String route = templates.of(request.getUri().path());
      return mapResponse(response -> {
        String status = Integer.toString(response.status().intValue());
        metrics.apiRequests().inc(method, route, status);
        metrics.apiRequestDuration().observe((System.nanoTime() - started) / 1e9, method, route, status);
        return response;
      }, () -> sealed);
    });
  }

  /** {@code GET /metrics}: the text format Prometheus scrapes (version 0.0.4). */
  Route scrape() {
    return get(() -> onSuccess(metrics.scrape(), text ->
        complete(HttpResponse.create().withEntity(PROMETHEUS_TEXT, text.getBytes(StandardCharsets.UTF_8)))));
  }
}
