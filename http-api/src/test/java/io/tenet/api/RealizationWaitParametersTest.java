package io.tenet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RealizationWaitParametersTest {
  private static Outcome<Optional<Duration>> parse(String wait, String timeout) {
    return RealizationWaitParameters.parse(Optional.ofNullable(wait), Optional.ofNullable(timeout));
  }

  private static Problem refused(String wait, String timeout) {
    return ((Outcome.Rejected<Optional<Duration>>) parse(wait, timeout)).problem();
  }

  @Test
  void noWaitUnlessAsked() {
    assertEquals(Outcome.ok(Optional.empty()), parse(null, null));
  }

  @Test
  void realizedWaitsFiveSecondsUnlessToldOtherwise() {
    assertEquals(Outcome.ok(Optional.of(Duration.ofSeconds(5))), parse("realized", null));
    assertEquals(Outcome.ok(Optional.of(Duration.ofSeconds(12))), parse("realized", "12s"));
    assertEquals(Outcome.ok(Optional.of(Duration.ofSeconds(3))), parse("realized", "3"));
    assertEquals(Outcome.ok(Optional.of(Duration.ofMillis(750))), parse("realized", "750ms"));
    assertEquals(Outcome.ok(Optional.of(Duration.ofSeconds(60))), parse("realized", "60s"));
  }

  @Test
  void anythingElseIsRefusedNamingTheParameter() {
    assertEquals("wait", refused("applied", null).field());
    assertEquals("timeout", refused(null, "5s").field());
    assertEquals("timeout", refused("realized", "5 s").field());
    assertEquals("timeout", refused("realized", "-1s").field());
    assertEquals("timeout", refused("realized", "0s").field());
    assertEquals("timeout", refused("realized", "61s").field());
    assertEquals("timeout", refused("realized", "1h").field());
    assertEquals("invalid_value", refused("realized", "PT5S").code().wireName());
  }
}
