package io.tenet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One read of a node's {@code /metrics}, to compare a counter before and after something. */
public record MetricsScrape(String text) {
  public static MetricsScrape of(URI apiBase) throws Exception {
    URI metrics = apiBase.resolve("/metrics");
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) throw new IllegalStateException("GET " + metrics + ": " + response.statusCode());
    return new MetricsScrape(response.body());
  }

  /** The sum of a series' samples whose labels include every one of {@code labels} ("name=\"value\""); 0 if there is none yet. */
  public double value(String name, String... labels) {
    double sum = 0;
    for (String line : text.lines().toList()) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
      boolean all = true;
      for (String label : labels) all &= line.contains(label);
      if (all) sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return sum;
  }
}
