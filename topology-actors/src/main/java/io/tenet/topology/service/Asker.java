package io.tenet.topology.service;

import io.tenet.topology.metrics.NodeMetrics;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Asks entities and chains their {@link Outcome}s. An entity that does not answer in time is
 * almost always one whose journal write is failing (Cassandra down), so a timeout becomes
 * {@code storage_unavailable}: the caller may retry, idempotently, with the same id or key.
 */
public final class Asker {
  private final ActorSystem<?> system;
  private final Duration timeout;
  private final NodeMetrics metrics;

  public Asker(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
    this.metrics = NodeMetrics.get(system);
  }

  public <Req, T> CompletionStage<Outcome<T>> ask(RecipientRef<Req> target, Function<ActorRef<Outcome<T>>, Req> message) {
    return AskPattern.<Req, Outcome<T>>ask(target, message::apply, timeout, system.scheduler())
        .exceptionally(failure -> unconfirmed());
  }

  /**
   * For a question a live entity answers from memory at once, where the caller has an answer of
   * its own if it does not (within {@code within}); not counted as storage unavailable.
   */
  public <Req, T> CompletionStage<Outcome<T>> askBriefly(RecipientRef<Req> target, Function<ActorRef<Outcome<T>>, Req> message, Duration within) {
    return AskPattern.<Req, Outcome<T>>ask(target, message::apply, within, system.scheduler())
        .exceptionally(failure -> Outcome.rejected(unavailable()));
  }

  /** For commands whose only answer is an acknowledgement; a timeout fails the stage. */
  public <Req, R> CompletionStage<Outcome<R>> askPlain(RecipientRef<Req> target, Function<ActorRef<R>, Req> message) {
    return AskPattern.<Req, R>ask(target, message::apply, timeout, system.scheduler())
        .thenApply(Outcome::ok)
        .exceptionally(failure -> unconfirmed());
  }

  private <T> Outcome<T> unconfirmed() {
    metrics.storageUnavailable().inc();
    return Outcome.rejected(unavailable());
  }

  public static Problem unavailable() {
    return Problem.of(ProblemCode.STORAGE_UNAVAILABLE,
        "the topology store did not confirm the operation in time (is Cassandra reachable?); retry with the same id or Idempotency-Key");
  }

  /** Runs {@code next} only if {@code stage} succeeded; a rejection passes through unchanged. */
  public static <T, R> CompletionStage<Outcome<R>> then(CompletionStage<Outcome<T>> stage, Function<T, CompletionStage<Outcome<R>>> next) {
    return stage.thenCompose(outcome -> {
      if (outcome instanceof Outcome.Ok<T> ok) return next.apply(ok.value());
      return CompletableFuture.completedFuture(Outcome.rejected(((Outcome.Rejected<T>) outcome).problem()));
    });
  }

  /** All of the stages' values, in order, or the first rejection. */
  public static <T> CompletionStage<Outcome<List<T>>> all(List<CompletionStage<Outcome<T>>> stages) {
    CompletableFuture<?>[] futures = stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(futures).thenApply(ignored -> {
      List<T> values = new ArrayList<>();
      for (CompletionStage<Outcome<T>> stage : stages) {
        Outcome<T> outcome = stage.toCompletableFuture().join();
        if (outcome instanceof Outcome.Rejected<T> rejected) return Outcome.rejected(rejected.problem());
        values.add(((Outcome.Ok<T>) outcome).value());
      }
      return Outcome.ok(values);
    });
  }

  /** The values of the stages that succeeded, in order; objects that are gone are skipped. */
  public static <T> CompletionStage<Outcome<List<T>>> found(List<CompletionStage<Outcome<T>>> stages) {
    CompletableFuture<?>[] futures = stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(futures).thenApply(ignored -> {
      List<T> values = new ArrayList<>();
      for (CompletionStage<Outcome<T>> stage : stages) {
        Outcome<T> outcome = stage.toCompletableFuture().join();
        if (outcome instanceof Outcome.Ok<T> ok) values.add(ok.value());
        else if (((Outcome.Rejected<T>) outcome).problem().code() != ProblemCode.NOT_FOUND) {
          return Outcome.rejected(((Outcome.Rejected<T>) outcome).problem());
        }
      }
      return Outcome.ok(values);
    });
  }

  public static <T> CompletionStage<Outcome<T>> done(Outcome<T> outcome) {
    return CompletableFuture.completedFuture(outcome);
  }
}
