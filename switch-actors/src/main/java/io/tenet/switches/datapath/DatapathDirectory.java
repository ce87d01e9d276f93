package io.tenet.switches.datapath;

import io.tenet.persistence.TenetSerializable;
import java.util.List;
import java.util.TreeSet;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Every datapath that ever connected, so operators can list them while they are disconnected
 * too. A datapath registers itself (idempotent, retried until confirmed).
 */
public final class DatapathDirectory extends EventSourcedBehaviorWithEnforcedReplies<DatapathDirectory.Command, DatapathDirectory.Event, DatapathDirectory.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "DatapathDirectory");
  public static final String ENTITY_ID = "global";

  public sealed interface Command extends TenetSerializable {}

  public record Register(String datapathId, ActorRef<Done> replyTo) implements Command {}

  public record ListDatapaths(ActorRef<DatapathIds> replyTo) implements Command {}

  public record DatapathIds(List<String> ids) implements TenetSerializable {}

  public sealed interface Event extends TenetSerializable {}

  public record DatapathRegistered(String datapathId) implements Event {}

  public record State(List<String> datapathIds) implements TenetSerializable {}

  public static Behavior<Command> create() {
    return new DatapathDirectory();
  }

  private DatapathDirectory() {
    super(PersistenceId.of(ENTITY_KEY.name(), ENTITY_ID));
  }

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Register.class, (state, cmd) -> state.datapathIds().contains(cmd.datapathId())
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new DatapathRegistered(cmd.datapathId())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(ListDatapaths.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new DatapathIds(state.datapathIds())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(DatapathRegistered.class, (state, e) -> {
          TreeSet<String> ids = new TreeSet<>(state.datapathIds());
          ids.add(e.datapathId());
          return new State(List.copyOf(ids));
        })
        .build();
  }
}
