package io.tenet.topology.health;

import io.tenet.persistence.TenetSerializable;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Proves that the node can write to the journal: health answers "ok" only after a real
 * persisted event, since reads alone can succeed while writes fail. Old probes are deleted.
 */
public final class WriteProbe extends EventSourcedBehaviorWithEnforcedReplies<WriteProbe.Command, WriteProbe.Probed, WriteProbe.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "WriteProbe");

  public sealed interface Command extends TenetSerializable {}

  public record Probe(ActorRef<Probed> replyTo) implements Command {}

  public record Probed(Instant at) implements TenetSerializable {}

  public record State(Instant lastWrite) implements TenetSerializable {}

  public static Behavior<Command> create(String id) {
    return new WriteProbe(id);
  }

  private WriteProbe(String id) {
    super(PersistenceId.of(ENTITY_KEY.name(), id));
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 1).withDeleteEventsOnSnapshot();
  }

  @Override
  public CommandHandlerWithReply<Command, Probed, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Probe.class, (state, probe) -> Effect().persist(new Probed(Instant.now())).thenReply(probe.replyTo(), s -> new Probed(s.lastWrite())))
        .build();
  }

  @Override
  public EventHandler<State, Probed> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(Probed.class, (state, e) -> new State(e.at())).build();
  }
}
