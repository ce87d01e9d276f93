package io.tenet.topology.tenant;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.TenantView;
import io.tenet.topology.model.Timestamps;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * A tenant: its name, the hash of its API token, and the index of the networks, security
 * groups and routers it owns. Objects are indexed before they are created, so listing can
 * never miss one; an index entry whose object never came to be is skipped by readers.
 */
public final class TenantEntity extends EventSourcedBehaviorWithEnforcedReplies<TenantEntity.Command, TenantEntity.Event, TenantEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Tenant");

  public sealed interface Command extends TenetSerializable {}

  public record Create(String name, String tokenHash, String defaultSecurityGroupId, ActorRef<Outcome<TenantView>> replyTo) implements Command {}

  public record Get(ActorRef<Outcome<TenantRecord>> replyTo) implements Command {}

  public record Index(ResourceKind kind, String resourceId, ActorRef<Done> replyTo) implements Command {}

  public record Unindex(ResourceKind kind, String resourceId, ActorRef<Done> replyTo) implements Command {}

  /** Everything a reader needs: the view, the token hash for authentication, and the index. */
  public record TenantRecord(TenantView view, String tokenHash, Map<ResourceKind, List<String>> index) implements TenetSerializable {
    public List<String> ids(ResourceKind kind) {
      return index.getOrDefault(kind, List.of());
    }
  }

  public sealed interface Event extends TenetSerializable {}

  public record TenantCreated(String tenantId, String name, String tokenHash, String defaultSecurityGroupId, Instant createdAt) implements Event {}

  public record ResourceIndexed(ResourceKind kind, String resourceId) implements Event {}

  public record ResourceUnindexed(ResourceKind kind, String resourceId) implements Event {}

  /** {@code view} is null until the tenant is created; the index may fill before that. */
  public record State(TenantView view, String tokenHash, Map<ResourceKind, List<String>> index) implements TenetSerializable {
    State indexed(ResourceKind kind, String id, boolean present) {
      Map<ResourceKind, List<String>> copy = new EnumMap<>(ResourceKind.class);
      copy.putAll(index);
      LinkedHashSet<String> ids = new LinkedHashSet<>(copy.getOrDefault(kind, List.of()));
      if (present) ids.add(id); else ids.remove(id);
      copy.put(kind, List.copyOf(ids));
      return new State(view, tokenHash, copy);
    }

    boolean contains(ResourceKind kind, String id) {
      return index.getOrDefault(kind, List.of()).contains(id);
    }
  }

  private final String tenantId;

  public static Behavior<Command> create(String tenantId) {
    return new TenantEntity(tenantId);
  }

  private TenantEntity(String tenantId) {
    super(PersistenceId.of(ENTITY_KEY.name(), tenantId));
    this.tenantId = tenantId;
  }

  @Override
  public State emptyState() {
    return new State(null, null, Map.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state.view() == null
            ? Outcome.rejected(Problem.notFound("tenant", tenantId))
            : Outcome.ok(new TenantRecord(state.view(), state.tokenHash(), state.index()))))
        .onCommand(Index.class, (state, cmd) -> state.contains(cmd.kind(), cmd.resourceId())
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new ResourceIndexed(cmd.kind(), cmd.resourceId())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Unindex.class, (state, cmd) -> !state.contains(cmd.kind(), cmd.resourceId())
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new ResourceUnindexed(cmd.kind(), cmd.resourceId())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create create) {
    if (state.view() != null) {
      // The same create again (a retry) answers as the first did; anything else is a clash of ids.
      boolean sameRequest = state.view().name().equals(create.name()) && state.tokenHash().equals(create.tokenHash());
      return Effect().reply(create.replyTo(), sameRequest ? Outcome.ok(state.view())
          : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "tenant " + tenantId + " already exists", "id")));
    }
    TenantCreated created = new TenantCreated(tenantId, create.name(), create.tokenHash(), create.defaultSecurityGroupId(), Timestamps.now());
    return Effect().persist(created).thenReply(create.replyTo(), s -> Outcome.ok(s.view()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(TenantCreated.class, (state, e) -> new State(
            new TenantView(e.tenantId(), e.name(), e.defaultSecurityGroupId(), e.createdAt()), e.tokenHash(), state.index()))
        .onEvent(ResourceIndexed.class, (state, e) -> state.indexed(e.kind(), e.resourceId(), true))
        .onEvent(ResourceUnindexed.class, (state, e) -> state.indexed(e.kind(), e.resourceId(), false))
        .build();
  }
}
