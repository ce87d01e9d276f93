package io.tenet.switches.flow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a flow matches: field to value, values in {@code ovs-ofctl} notation ("0x1000", "fa:16:3e:00:00:01",
 * "10.0.0.3", or "value/mask"). Immutable; printed in {@link MatchField} order.
 */
public record Match(Map<MatchField, String> fields) {
  public Match {
    EnumMap<MatchField, String> copy = new EnumMap<>(MatchField.class);
    copy.putAll(fields);
    fields = Collections.unmodifiableMap(copy);
  }

  public static Match any() {
    return new Match(Map.of());
  }

  public Match and(MatchField field, Object value) {
    EnumMap<MatchField, String> next = new EnumMap<>(MatchField.class);
    next.putAll(fields);
    next.put(field, value.toString());
    return new Match(next);
  }

  public boolean has(MatchField field) {
    return fields.containsKey(field);
  }

  /** Prerequisites such as {@code ip} or {@code arp} are written as dl_type so the text stays one notation. */
  public String ofctl() {
    return fields.entrySet().stream().map(e -> e.getKey().ofctlName() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
