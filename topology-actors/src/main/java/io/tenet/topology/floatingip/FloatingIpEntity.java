package io.tenet.topology.floatingip;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.Tags;
import io.tenet.topology.model.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 * A floating IP: an address of an external network held for a tenant, and the port it stands for
 * while associated. The router's gateway does the translation; this entity is the record the API
 * reads and the sagas of {@link io.tenet.topology.service.FloatingIpService} write.
 */
public final class FloatingIpEntity extends EventSourcedBehaviorWithEnforcedReplies<FloatingIpEntity.Command, FloatingIpEntity.Event, FloatingIpEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "FloatingIp");

  public sealed interface Command extends TenetSerializable {}

  /** {@code externalPortId} holds {@code address} on the external network. A retry with the same values answers the same floating IP. */
  public record Create(String tenantId, String networkId, String externalPortId, String address, Origin origin, ActorRef<Outcome<FloatingIpView>> replyTo)
      implements Command {}

  public record Get(ActorRef<Outcome<FloatingIpView>> replyTo) implements Command {}

  /** Records the association ({@code portId} null: none); the router's gateway applies it first. */
  public record Associate(String portId, String fixedIp, String routerId, Origin origin, ActorRef<Outcome<FloatingIpView>> replyTo) implements Command {}

  /** Changes the floating IP's tags; a change that leaves them as they are writes nothing. */
  public record ChangeTags(TagChange change, Origin origin, ActorRef<Outcome<FloatingIpView>> replyTo) implements Command {}

  /** Refused while associated: dissociate first. */
  public record Delete(Origin origin, ActorRef<Outcome<FloatingIpView>> replyTo) implements Command {}

  public sealed interface Event extends TenetSerializable {}

  public record FloatingIpCreated(String floatingIpId, String tenantId, String networkId, String externalPortId, String address, Instant at, Origin origin)
      implements Event {}

  /** {@code portId} null: dissociated. */
  public record FloatingIpAssociated(String portId, String fixedIp, String routerId, Instant at, Origin origin) implements Event {}

  public record FloatingIpDeleted(Instant at, Origin origin) implements Event {}

  public record TagsSet(List<String> tags, Instant at, Origin origin) implements Event {}

  /** {@code view} is null before creation and after deletion (ids are never reused). */
  public record State(FloatingIpView view, boolean deleted) implements TenetSerializable {}

  private final String floatingIpId;

  public static Behavior<Command> create(String floatingIpId) {
    return new FloatingIpEntity(floatingIpId);
  }

  private FloatingIpEntity(String floatingIpId) {
    super(PersistenceId.of(ENTITY_KEY.name(), floatingIpId));
    this.floatingIpId = floatingIpId;
  }

  @Override
  public State emptyState() {
    return new State(null, false);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), found(state)))
        .onCommand(Associate.class, this::onAssociate)
        .onCommand(ChangeTags.class, this::onChangeTags)
        .onCommand(Delete.class, this::onDelete)
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create create) {
    if (state.deleted()) {
      return Effect().reply(create.replyTo(), Outcome.rejected(Problem.of(ProblemCode.ALREADY_EXISTS, "floating IP " + floatingIpId + " existed and was deleted; ids are not reused")));
    }
    FloatingIpView v = state.view();
    if (v != null) {
      boolean same = v.tenantId().equals(create.tenantId()) && v.floatingNetworkId().equals(create.networkId()) && v.externalPortId().equals(create.externalPortId());
      return Effect().reply(create.replyTo(), same ? Outcome.ok(v)
          : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "floating IP " + floatingIpId + " already exists with other values", "id")));
    }
    return Effect().persist(new FloatingIpCreated(floatingIpId, create.tenantId(), create.networkId(), create.externalPortId(), create.address(), Timestamps.now(),
        create.origin())).thenReply(create.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onAssociate(State state, Associate associate) {
    FloatingIpView v = state.view();
    if (v == null) return Effect().reply(associate.replyTo(), found(state));
    if (Objects.equals(v.portId(), associate.portId()) && Objects.equals(v.fixedIpAddress(), associate.fixedIp()) && Objects.equals(v.routerId(), associate.routerId())) {
      return Effect().reply(associate.replyTo(), Outcome.ok(v));
    }
    return Effect().persist(new FloatingIpAssociated(associate.portId(), associate.fixedIp(), associate.routerId(), Timestamps.now(), associate.origin()))
        .thenReply(associate.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onChangeTags(State state, ChangeTags change) {
    if (state.view() == null) return Effect().reply(change.replyTo(), found(state));
    Outcome<List<String>> next = Tags.changed(state.view().tags(), change.change());
    if (next instanceof Outcome.Rejected<List<String>> refused) return Effect().reply(change.replyTo(), Outcome.rejected(refused.problem()));
    List<String> tags = ((Outcome.Ok<List<String>>) next).value();
    if (tags.equals(state.view().tags())) return Effect().reply(change.replyTo(), found(state));
    return Effect().persist(new TagsSet(tags, Timestamps.now(), change.origin())).thenReply(change.replyTo(), this::found);
  }

  private ReplyEffect<Event, State> onDelete(State state, Delete delete) {
    FloatingIpView v = state.view();
    if (v == null) return Effect().reply(delete.replyTo(), found(state));
    if (v.portId() != null) {
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.IN_USE, "floating IP " + floatingIpId + " is associated with port " + v.portId()
          + "; dissociate it first")));
    }
    return Effect().persist(new FloatingIpDeleted(Timestamps.now(), delete.origin())).thenReply(delete.replyTo(), s -> Outcome.ok(v));
  }

  private Outcome<FloatingIpView> found(State state) {
    return state.view() == null ? Outcome.rejected(Problem.notFound("floating IP", floatingIpId)) : Outcome.ok(state.view());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(FloatingIpEntity::evolve);
  }

  /** The state after {@code event}: pure, so a journal replays through exactly what the entity does. */
  public static State evolve(State state, Event event) {
    if (event instanceof FloatingIpCreated e) {
      return new State(new FloatingIpView(e.floatingIpId(), e.tenantId(), e.networkId(), e.address(), e.externalPortId(), null, null, null, e.at(), e.at(), 1, List.of()), false);
    } else if (event instanceof FloatingIpAssociated e) {
      FloatingIpView v = state.view();
      return new State(new FloatingIpView(v.id(), v.tenantId(), v.floatingNetworkId(), v.floatingIpAddress(), v.externalPortId(), e.portId(), e.fixedIp(),
          e.routerId(), v.createdAt(), e.at(), v.revision() + 1, v.tags()), false);
    } else if (event instanceof TagsSet e) {
      return new State(state.view().withTags(e.tags(), e.at()), false);
    } else if (event instanceof FloatingIpDeleted) {
      return new State(null, true);
    }
    throw new IllegalArgumentException("unknown floating IP event " + event.getClass().getName());
  }
}
