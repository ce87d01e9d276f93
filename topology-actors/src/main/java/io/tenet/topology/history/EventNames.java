package io.tenet.topology.history;

import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.StringJoiner;

/** How events are named and, when nothing better is known, described in a history. Pure. */
final class EventNames {
  static final String SYSTEM = "tenet";

  private EventNames() {}

  /** {@code NetworkUpdated} → {@code network_updated}. */
  static String kind(Object event) {
    return event.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** {@code term_begun: term=5}: an event's fields, for event types the history has no sentence for. */
  static String generic(Object event) {
    if (!event.getClass().isRecord()) return kind(event);
    StringJoiner fields = new StringJoiner(", ", kind(event) + ": ", "");
    fields.setEmptyValue(kind(event));
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      try {
        fields.add(component.getName() + "=" + component.getAccessor().invoke(event));
      } catch (ReflectiveOperationException unreadable) {
        fields.add(component.getName() + "=?");
      }
    }
    return fields.toString();
  }
}
