package io.tenet.api.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One console connection's memory: turns each freshly read snapshot into what to send. The first
 * snapshot goes out whole; later ones only when something changed, preceded by the events that
 * tell what. Used by one stream at a time.
 */
final class ConsoleFeed {
  /** What to send to the page, in order. */
  sealed interface Message permits SnapshotMessage, EventMessage {}

  record SnapshotMessage(java.time.Instant at, ConsoleSnapshot snapshot) implements Message {}

  record EventMessage(ConsoleEvent event) implements Message {}

  private final Clock clock;
  private ConsoleSnapshot last;

  ConsoleFeed(Clock clock) {
    this.clock = clock;
  }

  List<Message> next(ConsoleSnapshot read) {
    ConsoleSnapshot current = read.filledFrom(last);
    ConsoleSnapshot previous = last;
    if (current.equals(previous)) return List.of();
    last = current;
    var now = clock.instant();
    List<Message> messages = new ArrayList<>();
    if (previous != null) ConsoleEvents.between(previous, current, now).forEach(event -> messages.add(new EventMessage(event)));
    messages.add(new SnapshotMessage(now, current));
    return messages;
  }
}
