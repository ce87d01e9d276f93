package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.realization.Awaited;
import io.tenet.topology.realization.Realization;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads an object again until the data plane has realized it or the time is up. Reading (a
 * local ask to the network entity, which hears every datapath's confirmations) keeps the wait
 * correct across nodes and restarts without any subscription to clean up.
 */
public final class RealizationWait {
  static final Duration POLL = Duration.ofMillis(25);

  private RealizationWait() {}

  /** The last read, realized, or as it was when {@code timeout} ran out. */
  public static <T> CompletionStage<Outcome<Awaited<T>>> until(Supplier<CompletionStage<Outcome<T>>> read, Function<T, Realization> realizationOf,
      Duration timeout) {
    return poll(read, realizationOf, System.nanoTime() + timeout.toNanos());
  }

  private static <T> CompletionStage<Outcome<Awaited<T>>> poll(Supplier<CompletionStage<Outcome<T>>> read, Function<T, Realization> realizationOf,
      long deadline) {
    return then(read.get(), value -> {
      Awaited<T> awaited = new Awaited<>(value, realizationOf.apply(value));
      if (awaited.realized() || System.nanoTime() >= deadline) return Asker.done(Outcome.ok(awaited));
      long pause = Math.min(POLL.toNanos(), Math.max(0, deadline - System.nanoTime()));
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS))
          .thenCompose(ignored -> poll(read, realizationOf, deadline));
    });
  }
}
