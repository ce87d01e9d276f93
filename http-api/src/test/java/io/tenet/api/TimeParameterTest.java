package io.tenet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.model.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeParameterTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static Instant parsed(String value) {
    return ((Outcome.Ok<Instant>) TimeParameter.parse("since", value, NOW)).value();
  }

  @Test
  void anInstantOrATimeAgo() {
    assertEquals(Instant.parse("2026-12-06T10:30:00Z"), parsed("2026-12-06T10:30:00Z"));
    assertEquals(Instant.parse("2026-12-06T11:58:30Z"), parsed("90s"));
    assertEquals(Instant.parse("2026-12-06T11:45:00Z"), parsed("15m"));
    assertEquals(Instant.parse("2026-12-06T11:00:00Z"), parsed("1h"));
    assertEquals(Instant.parse("2026-12-04T12:00:00Z"), parsed("2d"));
  }

  @Test
  void anythingElseIsRefusedNamingTheParameter() {
    for (String bad : new String[] {"yesterday", "1w", "-1h", "2026-12-06", "1 h", ""}) {
      Outcome<Instant> outcome = TimeParameter.parse("at", bad, NOW);
      assertEquals("at", ((Outcome.Rejected<Instant>) outcome).problem().field(), bad);
    }
  }
}
