package io.tenet.topology.realization;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitedTest {
  @Test
  void onlyAConfirmedRealizationCountsAsRealized() {
    assertTrue(new Awaited<>("port", new Realization(RealizationState.REALIZED, 3, List.of(), null)).realized());
    assertFalse(new Awaited<>("port", new Realization(RealizationState.PENDING, 3, List.of(), "later")).realized());
    // unknown (its network did not answer): a wait must not claim it realized
    assertFalse(new Awaited<>("port", null).realized());
  }
}
