package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * What became of a packet on one datapath: {@code delivered} to one local port, sent into the
 * {@code tunnel}, handed to the {@code controller}, {@code flooded} to several outputs, or
 * {@code dropped}. {@code reason} says why in a sentence (for a drop: the table and the rule).
 */
public record TraceVerdict(Kind kind, List<TraceOutput> outputs, String reason) implements TenetSerializable {
  public enum Kind {
    DELIVERED, TUNNEL, CONTROLLER, FLOODED, DROPPED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Kind of(String wireName) {
      return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public TraceVerdict {
    outputs = List.copyOf(outputs);
  }
}
