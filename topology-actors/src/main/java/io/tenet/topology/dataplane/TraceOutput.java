package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;

/**
 * One copy leaving a datapath: out of a local OpenFlow port ({@code portId} the logical port
 * plugged there, when known), into the tunnel (to {@code tunnelDst} with VNI {@code tunId}), or
 * to the controller.
 */
public record TraceOutput(Kind kind, long ofport, String portId, String tunnelDst, String tunId) implements TenetSerializable {
  public enum Kind {
    PORT, TUNNEL, CONTROLLER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Kind of(String wireName) {
      return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
