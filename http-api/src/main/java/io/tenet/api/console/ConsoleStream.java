package io.tenet.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tenet.api.ApiJson;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The console's live stream as server-sent events: a {@code snapshot} event (the whole picture)
 * on connect and after every change, each change preceded by one {@code event} event per thing
 * that happened. The server reads a snapshot every {@code interval} (skipping a tick while a
 * read is still running) and sends only differences; heartbeats keep idle connections open.
 */
public final class ConsoleStream {
  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  private ConsoleStream() {}

  public static Source<ServerSentEvent, NotUsed> of(Supplier<CompletionStage<ConsoleSnapshot>> reader, Duration interval, Clock clock) {
    return Source.tick(Duration.ZERO, interval, Boolean.TRUE)
        .mapAsync(1, tick -> reader.get())
        .statefulMapConcat(() -> {
          ConsoleFeed feed = new ConsoleFeed(clock);
          return snapshot -> feed.next(snapshot).stream().map(ConsoleStream::event).toList();
        })
        .keepAlive(HEARTBEAT, ServerSentEvent::heartbeat)
        .mapMaterializedValue(cancellable -> NotUsed.getInstance());
  }

  static ServerSentEvent event(ConsoleFeed.Message message) {
    if (message instanceof ConsoleFeed.SnapshotMessage snapshot) return ServerSentEvent.create(json(withTime(snapshot)), "snapshot");
    return ServerSentEvent.create(json(((ConsoleFeed.EventMessage) message).event()), "event");
  }

  private static Map<String, Object> withTime(ConsoleFeed.SnapshotMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("at", message.at());
    ConsoleSnapshot s = message.snapshot();
    body.put("cluster", s.cluster());
    body.put("datapaths", s.datapaths());
    body.put("tenants", s.tenants());
    body.put("networks", s.networks());
    body.put("ports", s.ports());
    body.put("routers", s.routers());
    body.put("security_groups", s.securityGroups());
    return body;
  }

  private static String json(Object body) {
    try {
      return ApiJson.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("console data could not be written as JSON", e);
    }
  }
}
