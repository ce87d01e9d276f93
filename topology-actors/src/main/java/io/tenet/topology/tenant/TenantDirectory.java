package io.tenet.topology.tenant;

import io.tenet.persistence.TenetSerializable;
import java.util.LinkedHashSet;
import java.util.List;
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
 * The list of tenant ids, for administrators. An id is registered before its tenant is
 * created, so a tenant can never exist unlisted; an id whose tenant never came to be is
 * skipped by readers.
 */
public final class TenantDirectory extends EventSourcedBehaviorWithEnforcedReplies<TenantDirectory.Command, TenantDirectory.Event, TenantDirectory.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "TenantDirectory");
  public static final String ENTITY_ID = "global";

  public sealed interface Command extends TenetSerializable {}

  public record Register(String tenantId, ActorRef<Done> replyTo) implements Command {}

  public record Unregister(String tenantId, ActorRef<Done> replyTo) implements Command {}

  public record ListTenants(ActorRef<TenantIds> replyTo) implements Command {}

  public record TenantIds(List<String> ids) implements TenetSerializable {}

  public sealed interface Event extends TenetSerializable {}

  public record TenantRegistered(String tenantId) implements Event {}

  public record TenantUnregistered(String tenantId) implements Event {}

  public record State(List<String> tenantIds) implements TenetSerializable {
    State change(String tenantId, boolean present) {
      LinkedHashSet<String> ids = new LinkedHashSet<>(tenantIds);
      if (present) ids.add(tenantId); else ids.remove(tenantId);
      return new State(List.copyOf(ids));
    }
  }

  public static Behavior<Command> create() {
    return new TenantDirectory();
  }

  private TenantDirectory() {
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
        .onCommand(Register.class, (state, cmd) -> state.tenantIds().contains(cmd.tenantId())
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new TenantRegistered(cmd.tenantId())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Unregister.class, (state, cmd) -> !state.tenantIds().contains(cmd.tenantId())
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new TenantUnregistered(cmd.tenantId())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(ListTenants.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new TenantIds(state.tenantIds())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(TenantRegistered.class, (state, e) -> state.change(e.tenantId(), true))
        .onEvent(TenantUnregistered.class, (state, e) -> state.change(e.tenantId(), false))
        .build();
  }
}
