package io.tenet.switches.datapath;

import java.time.Duration;

/**
 * How often a datapath may diff its switch's tables whole while its knowledge is incomplete.
 *
 * <p>After a node restart or a takeover, a datapath learns its ports and networks one answer at a
 * time, and each answer used to diff every flow the switch holds (tens of thousands): at 1,000
 * ports that was two thirds of the restarted node's CPU for a minute (bench ovn-compare, JFR).
 * With incomplete knowledge such a diff only adds what the switch lacks (it never rewrites or
 * removes; see TableDiff), so doing it less often loses nothing: at most once per spacing, and at
 * once when the knowledge becomes complete.
 */
final class FullDiffPacing {
  static final Duration SPACING = Duration.ofMillis(200);

  private final long spacingNanos;
  private long lastNanos;
  private boolean diffed;

  FullDiffPacing(Duration spacing) {
    this.spacingNanos = spacing.toNanos();
  }

  /** Whether a whole diff may run at {@code nowNanos}; if so, it is counted as run. */
  boolean mayDiff(long nowNanos, boolean knowledgeComplete) {
    if (!knowledgeComplete && diffed && nowNanos - lastNanos < spacingNanos) return false;
    diffed = true;
    lastNanos = nowNanos;
    return true;
  }
}
