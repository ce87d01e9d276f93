package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The Tenet API at one URL with one token: JSON in, JSON out, every refusal as an {@link ApiException} with the API's own sentence. */
final class ApiConnection {
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  ApiConnection(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  JsonNode get(String path) throws ApiException {
    return send(request(path).GET());
  }

  JsonNode post(String path, JsonNode body) throws ApiException {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  JsonNode put(String path, JsonNode body) throws ApiException {
    return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  JsonNode patch(String path, JsonNode body) throws ApiException {
    return send(request(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  void delete(String path) throws ApiException {
    send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest.Builder request) throws ApiException {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ApiException("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted");
    }
    JsonNode body;
    try {
      body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException notJson) {
      throw new ApiException("HTTP " + response.statusCode() + " from " + base + " (not JSON)");
    }
    if (response.statusCode() >= 400) {
      JsonNode error = body.path("error");
      String field = error.path("field").asText("");
      throw new ApiException(error.path("code").asText("http_" + response.statusCode()) + ": " + error.path("message").asText("HTTP " + response.statusCode())
          + (field.isEmpty() ? "" : " (field " + field + ")"));
    }
    return body;
  }
}
