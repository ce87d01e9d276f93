package io.tenet.topology.realization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether the data plane implements an object's current version; lower case on the wire. */
public enum RealizationState {
  /** Every datapath that must implement the object confirmed its current version by barrier. */
  REALIZED,
  /** At least one datapath has not confirmed it yet (busy, disconnected, or its node is failing over). */
  PENDING,
  /** A datapath's switch refused what implements the object (an OpenFlow error); retried, but not expected to pass by itself. */
  ERROR;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RealizationState of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  /** The worse of two: error over pending over realized. */
  RealizationState worst(RealizationState other) {
    return ordinal() >= other.ordinal() ? this : other;
  }
}
