package io.tenet.api;

import io.tenet.api.console.ConsoleSnapshot;
import io.tenet.api.console.ConsoleStream;
import io.tenet.topology.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The admin console: its page and assets under {@code /console} (no token: they hold no data),
 * and {@code /v1/console/stream}, the live server-sent events the page reads with the admin token.
 */
final class ConsoleRoutes extends RouteSupport {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  /** The page is self-contained: nothing may load from elsewhere, and it must not be framed. */
  private static final List<HttpHeader> ASSET_HEADERS = List.of(
      RawHeader.create("Cache-Control", "no-cache"),
      RawHeader.create("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
      RawHeader.create("X-Content-Type-Options", "nosniff"));

  private final Supplier<CompletionStage<ConsoleSnapshot>> reader;
  private final Duration interval;

  ConsoleRoutes(Supplier<CompletionStage<ConsoleSnapshot>> reader, Duration interval) {
    this.reader = reader;
    this.interval = interval;
  }

  Route assets() {
    return pathPrefix("console", () -> get(() -> respondWithHeaders(ASSET_HEADERS, () -> concat(
        pathEndOrSingleSlash(() -> getFromResource("console/index.html")),
        getFromResourceDirectory("console")))));
  }

  Route stream(Caller caller) {
    return path(PathMatchers.segment("console").slash("stream"), () -> {
      if (!caller.admin()) return complete(error(StatusCodes.NOT_FOUND, "not_found", "no such resource", null));
      return get(() -> respondWithHeader(RawHeader.create("Cache-Control", "no-cache"), () ->
          completeOK(ConsoleStream.of(reader, interval, Clock.systemUTC()), EventStreamMarshalling.toEventStream())));
    });
  }
}
