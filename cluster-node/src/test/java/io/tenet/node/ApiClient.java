package io.tenet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the API as a tenant or the administrator would use it. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  /** JSON text (an answer's body, a CLI's output) as a tree. */
  static JsonNode json(String text) {
    return json(text, "not JSON: ");
  }

  private static JsonNode json(String text, String failure) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(failure + text, e);
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Response(int status, String body, Map<String, java.util.List<String>> headers) {
    JsonNode json() {
      return ApiClient.json(body, "not JSON (" + status + "): ");
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final String baseUrl;
  private final String token;

  ApiClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  String token() {
    return token;
  }

  ApiClient as(String otherToken) {
    return new ApiClient(baseUrl, otherToken);
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response delete(String path) {
    return send(request(path).DELETE());
  }

  Response post(String path, String body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response post(String path, String body, String idempotencyKey) {
    return send(request(path).header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(String path, String body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response patch(String path, String body) {
    return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Like {@link #send}, but an endless event stream answers with its status and headers only (the stream is closed). */
  Response sendOrOpenStream(HttpRequest.Builder builder) {
    try {
      HttpResponse<java.io.InputStream> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = response.body()) {
        boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        String text = stream ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Response(response.statusCode(), text, response.headers().map());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    if (token != null) builder.header("Authorization", "Bearer " + token);
    return builder;
  }
}
