package io.tenet.topology.saga;

import io.tenet.topology.model.Outcome;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * One step of an entity's saga: ask another entity for an {@link Outcome} and turn the answer,
 * or the failure to get one in time, into a message to the asking entity itself.
 */
public final class SagaStep {
  private SagaStep() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <Req, T, M> void ask(ActorContext<M> context, RecipientRef<Req> target, Duration timeout,
      Function<ActorRef<Outcome<T>>, Req> request, Function<Outcome<T>, M> onAnswer, Function<Throwable, M> onFailure) {
    // Outcome<T> has no class literal of its own: ask with the raw class and narrow the types here, once
    context.ask(Outcome.class, target, timeout,
        replyTo -> request.apply((ActorRef<Outcome<T>>) (ActorRef) replyTo),
        (answer, failure) -> failure != null ? onFailure.apply(failure) : onAnswer.apply((Outcome<T>) answer));
  }
}
