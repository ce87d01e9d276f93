package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few API calls the benchmark makes, over one {@link HttpClient} (HTTP/1.1, kept-alive connections,
 * one per concurrent caller). Every request has a timeout.
 */
public final class BenchmarkApi {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: the status and the body as text. */
  public record Answer(int status, String body) {
    public JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private final HttpClient http;
  private final URI base;
  private final Duration requestTimeout;

  public BenchmarkApi(URI base, Duration requestTimeout) {
    this.base = base;
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on the first request
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  URI base() {
    return base;
  }

  /** GET /health without a token; 200 means the node accepts writes. */
  public Answer health() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** GET /health/ready without a token; 200 means the node is an Up cluster member that accepts writes. */
  public Answer ready() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** Creates a tenant as the administrator and returns the tenant's token. */
  public String createTenant(String adminToken, String name) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    Answer answer = post("/tenants", adminToken, body.toString());
    if (answer.status() != 201) throw new IllegalStateException("POST /tenants answered " + answer.status() + ": " + answer.body());
    return answer.json().path("token").asText();
  }

  /** Creates a network with one subnet and returns its id. */
  public String createNetwork(String tenantToken, String name, String cidr) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    body.putArray("subnets").addObject().put("cidr", cidr);
    Answer answer = post("/networks", tenantToken, body.toString());
    if (answer.status() != 201) throw new IllegalStateException("POST /networks answered " + answer.status() + ": " + answer.body());
    return answer.json().path("id").asText();
  }

  /** POST /ports with only the network; 201 is success. */
  public Answer createPort(String tenantToken, String networkId) throws IOException, InterruptedException {
    return post("/ports", tenantToken, JSON.createObjectNode().put("network_id", networkId).toString());
  }

  public Answer get(String path, String token) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  public Answer patch(String path, String token, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), token);
  }

  public Answer delete(String path, String token) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
  }

  private Answer send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(requestTimeout).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  public Answer post(String path, String token, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), token);
  }

  /** A create that may be retried: the same key names the same object, so a retry after a lost answer creates nothing twice. */
  public Answer post(String path, String token, String body, String idempotencyKey) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(body)), token);
  }
}
