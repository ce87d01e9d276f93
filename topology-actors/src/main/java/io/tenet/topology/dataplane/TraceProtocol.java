package io.tenet.topology.dataplane;

import java.util.Locale;
import java.util.Optional;

/** What a traced packet carries: an ARP request for the destination, or IPv4 with ICMP echo, TCP or UDP. */
public enum TraceProtocol {
  ICMP(1), TCP(6), UDP(17), ARP(-1);

  private final int ipProto;

  TraceProtocol(int ipProto) {
    this.ipProto = ipProto;
  }

  /** The IPv4 protocol number; ARP has none. */
  public int ipProto() {
    return ipProto;
  }

  public boolean hasPorts() {
    return this == TCP || this == UDP;
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  static TraceProtocol of(String wireName) {
    return parse(wireName).orElseThrow(() -> new IllegalArgumentException("no protocol " + wireName));
  }

  public static Optional<TraceProtocol> parse(String text) {
    for (TraceProtocol protocol : values()) if (protocol.wireName().equals(text)) return Optional.of(protocol);
    return Optional.empty();
  }
}
