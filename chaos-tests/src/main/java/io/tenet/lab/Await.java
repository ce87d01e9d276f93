package io.tenet.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for a condition that the system reaches by itself (convergence, a reply), with a deadline. */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(100);

  private Await() {}

  /** Returns as soon as {@code condition} holds; throws an AssertionError with {@code failure} after {@code timeout}. */
  public static void until(Duration timeout, BooleanSupplier condition, String failure) throws InterruptedException {
    until(timeout, condition, () -> failure);
  }

  /** The same, with a failure message made only when it fails (e.g. dumps of the switches' tables). */
  public static void until(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> failure) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return;
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError(failure.get());
  }
}
