package io.tenet.topology.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times stored in events are millisecond-precise, so the API prints them the same before and after a replay. */
public final class Timestamps {
  private Timestamps() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
