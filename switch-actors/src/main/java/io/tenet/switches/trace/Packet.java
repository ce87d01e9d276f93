package io.tenet.switches.trace;

import io.tenet.persistence.TenetSerializable;
import io.tenet.switches.flow.MatchField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A packet's header fields as the pipeline sees them, in {@code ovs-ofctl} notation (the same as
 * {@link io.tenet.switches.flow.Match}); {@link MatchField#METADATA} is the pipeline's scratch state.
 * Immutable: every change makes a new packet, so a flood's copies cannot disturb each other.
 */
public record Packet(Map<MatchField, String> fields) implements TenetSerializable {
  public static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

  public Packet {
    EnumMap<MatchField, String> copy = new EnumMap<>(MatchField.class);
    copy.putAll(fields);
    fields = Collections.unmodifiableMap(copy);
  }

  public static Packet of(Map<MatchField, String> fields) {
    return new Packet(fields);
  }

  public String get(MatchField field) {
    return fields.get(field);
  }

  public Packet with(MatchField field, String value) {
    EnumMap<MatchField, String> next = new EnumMap<>(MatchField.class);
    next.putAll(fields);
    if (value == null) next.remove(field);
    else next.put(field, value);
    return new Packet(next);
  }

  public Packet without(MatchField field) {
    return with(field, null);
  }

  public long inPort() {
    return Long.parseLong(fields.get(MatchField.IN_PORT));
  }

  /**
   * The packet as {@code ovs-appctl ofproto/trace} takes it: the header fields without the
   * pipeline's metadata and conntrack state (the switch starts with neither).
   */
  public String ofprotoFlow() {
    return fields.entrySet().stream()
        .filter(e -> e.getKey() != MatchField.METADATA && e.getKey() != MatchField.CT_STATE)
        .map(e -> ofprotoName(e.getKey()) + "=" + e.getValue().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  /** ofproto/trace takes L4 ports only by their protocol's name (tp_src means tcp_src there); flows take tp_src for both. */
  private String ofprotoName(MatchField field) {
    if (field != MatchField.UDP_SRC && field != MatchField.UDP_DST) return field.ofctlName();
    String protocol = "6".equals(fields.get(MatchField.IP_PROTO)) ? "tcp" : "udp";
    return protocol + (field == MatchField.UDP_SRC ? "_src" : "_dst");
  }
}
