package io.tenet.topology.metrics;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.internal.BehaviorImpl;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.EventRejectedException;
import org.apache.pekko.persistence.typed.internal.JournalFailureException;

/**
 * Counts the journal failures that stop an event-sourced entity (a write or a recovery the
 * journal refused or did not answer), by entity type. It wraps the entity's behavior and sees the
 * failure on its way out: the entity's own stop-supervisor turns the exception into a failed
 * behavior, which is what arrives here. The failure itself is not changed (sharding restarts the entity).
 */
public final class PersistenceFailures {
  private PersistenceFailures() {}

  public static <T> Behavior<T> counted(Behavior<T> entity, String entityType, Counter failures) {
    return Behaviors.intercept(() -> new Interceptor<T>(entityType, failures), entity);
  }

  private static final class Interceptor<T> extends BehaviorInterceptor<T, T> {
    private final String entityType;
    private final Counter failures;

    @SuppressWarnings("unchecked")
    Interceptor(String entityType, Counter failures) {
      super((Class<T>) Object.class); // also the persistence plugin's own replies, where the failures arrive
      this.entityType = entityType;
      this.failures = failures;
    }

    @Override
    public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
      try {
        return counted(target.start(ctx));
      } catch (RuntimeException e) {
        throw counted(e);
      }
    }

    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
      try {
        return counted(target.apply(ctx, msg));
      } catch (RuntimeException e) {
        throw counted(e);
      }
    }

    @Override
    public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
      try {
        return counted(target.apply(ctx, signal));
      } catch (RuntimeException e) {
        throw counted(e);
      }
    }

    private Behavior<T> counted(Behavior<T> next) {
      if (next instanceof BehaviorImpl.FailedBehavior failed) count(failed.cause());
      return next;
    }

    private RuntimeException counted(RuntimeException failure) {
      count(failure);
      return failure;
    }

    private void count(Throwable failure) {
      if (failure instanceof JournalFailureException || failure instanceof EventRejectedException) failures.inc(entityType);
    }

    @Override
    public boolean isSame(BehaviorInterceptor<Object, Object> other) {
      return other instanceof Interceptor<?> same && same.entityType.equals(entityType) && same.failures == failures;
    }
  }
}
