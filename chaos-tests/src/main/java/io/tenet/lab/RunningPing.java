package io.tenet.lab;

import java.time.Duration;

/**
 * An iputils ping running in a VM until {@link #stop()}: {@code ping -n -D -O -i <interval>}, so
 * every reply and every "no answer yet" is on record with its time. Used to show that no request
 * goes unanswered while something else (a controller) is killed or restarted.
 */
public final class RunningPing implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  /**
   * How long a reply may take on a busy machine: requests sent this long before the ping is
   * stopped are in flight when unanswered, not lost. The faults the chaos runs inject are over
   * long before their load stops, so this hides none of theirs.
   */
  static final Duration REPLY_PATIENCE = Duration.ofSeconds(1);

  private final String target;
  private final BackgroundCommand ping;
  private final int inFlightWindow;
  private PingResult result;

  RunningPing(String target, long intervalMillis, BackgroundCommand ping) {
    this.target = target;
    this.ping = ping;
    this.inFlightWindow = (int) Math.max(1, (REPLY_PATIENCE.toMillis() + intervalMillis - 1) / intervalMillis);
  }

  public String target() {
    return target;
  }

  public long pid() {
    return ping.pid();
  }

  /** What ping has printed so far, without stopping it (e.g. to wait until replies flow). */
  public PingResult progress() {
    return PingResult.parse(target, ping.stdoutLines(), inFlightWindow);
  }

  /**
   * Stops ping with SIGINT (so it prints its summary) and returns what it saw. Throws if ping had
   * failed on its own (unknown host, no route). Repeated calls return the same result.
   */
  public synchronized PingResult stop() {
    if (result != null) return result;
    boolean exitedByItself = !ping.isAlive();
    ping.signal("INT");
    int exitCode = ping.awaitExit(STOP_TIMEOUT);
    // 0 and 1 (some requests unanswered) are results; 2 is ping's own error, e.g. "Network is unreachable"
    if (exitedByItself && exitCode > 1) throw ping.failure(exitCode);
    result = PingResult.parse(target, ping.stdoutLines(), inFlightWindow);
    return result;
  }

  @Override
  public void close() {
    stop();
  }
}
