package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FullDiffPacingTest {
  private static final long MS = 1_000_000;

  @Test
  void whileKnowledgeIsIncompleteAWholeDiffRunsAtMostOncePerSpacing() {
    FullDiffPacing pacing = new FullDiffPacing(Duration.ofMillis(200));
    assertTrue(pacing.mayDiff(1_000 * MS, false), "the first answer after a takeover is diffed at once");
    assertFalse(pacing.mayDiff(1_050 * MS, false));
    assertFalse(pacing.mayDiff(1_199 * MS, false));
    assertTrue(pacing.mayDiff(1_200 * MS, false));
    assertFalse(pacing.mayDiff(1_300 * MS, false));
  }

  @Test
  void completeKnowledgeIsDiffedAtOnce() {
    FullDiffPacing pacing = new FullDiffPacing(Duration.ofMillis(200));
    assertTrue(pacing.mayDiff(1_000 * MS, false));
    assertTrue(pacing.mayDiff(1_001 * MS, true), "the diff that may remove and makes the tables exact never waits");
    assertFalse(pacing.mayDiff(1_002 * MS, false));
  }
}
