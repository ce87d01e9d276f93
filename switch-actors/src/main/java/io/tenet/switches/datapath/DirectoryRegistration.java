package io.tenet.switches.datapath;

/**
 * Whether a datapath should ask the directory to register it now: until the directory confirmed,
 * once per tick, but never while an earlier ask is unanswered. The directory is one entity that
 * persists each new datapath in turn; a thousand datapaths asking every tick regardless buried it
 * under more asks than its stash holds, and the dropped ones were asked again (bench
 * fleet-failover at 1,000 datapaths).
 */
final class DirectoryRegistration {
  private boolean confirmed;
  private boolean asking;

  /** True when an ask should go out now; the caller sends it and reports the answer to {@link #answered}. */
  boolean askNow() {
    if (confirmed || asking) return false;
    asking = true;
    return true;
  }

  /** The ask was answered: confirmed, or failed (timed out) and to be asked again at the next tick. */
  void answered(boolean ok) {
    asking = false;
    confirmed = ok;
  }

  boolean confirmed() {
    return confirmed;
  }
}
