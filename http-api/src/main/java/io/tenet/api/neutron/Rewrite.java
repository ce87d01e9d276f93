package io.tenet.api.neutron;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A change to one member of a list Tenet keeps inside another object (a subnet in its network, a
 * rule in its security group), made as Tenet allows: the whole list is read, changed and written
 * back against the revision it was read at. When another change came in between, the write is
 * refused and the change made again from what is there now, so none is ever overwritten.
 */
final class Rewrite {
  static final int ATTEMPTS = 8;

  private Rewrite() {}

  /**
   * {@code change} turns the object as read into what to write (or throws {@link NeutronRefused});
   * {@code write} writes it, refused unless the object is still at the revision given.
   */
  static <V, P> CompletionStage<Outcome<V>> of(Supplier<CompletionStage<Outcome<V>>> read, ToLongFunction<V> revision, Function<V, P> change,
      BiFunction<P, Long, CompletionStage<Outcome<V>>> write) {
    return attempt(read, revision, change, write, ATTEMPTS);
  }

  private static <V, P> CompletionStage<Outcome<V>> attempt(Supplier<CompletionStage<Outcome<V>>> read, ToLongFunction<V> revision, Function<V, P> change,
      BiFunction<P, Long, CompletionStage<Outcome<V>>> write, int left) {
    return read.get().thenCompose(current -> {
      if (!(current instanceof Outcome.Ok<V> ok)) return CompletableFuture.completedFuture(current);
      P changed;
      try {
        changed = change.apply(ok.value());
      } catch (NeutronRefused refused) {
        return CompletableFuture.failedFuture(refused);
      }
      return write.apply(changed, revision.applyAsLong(ok.value())).thenCompose(written -> {
        boolean raced = written instanceof Outcome.Rejected<V> refused && refused.problem().code() == ProblemCode.REVISION_MISMATCH;
        return raced && left > 1 ? attempt(read, revision, change, write, left - 1) : CompletableFuture.completedFuture(written);
      });
    });
  }
}
