package io.tenet.topology.port;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.CommandTable;
import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.Tags;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.saga.SagaStep;
import io.tenet.topology.validation.PortValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A logical port. Creating one is a small saga with its network: the port first persists the
 * request, then asks the network to reserve addresses (idempotent per port id), then persists
 * the result. Deleting runs the same way backwards. A saga interrupted by a crash resumes when
 * the entity recovers (port entities are remembered by sharding), so a reservation is never left
 * without its port, and a port never exists without its reservation.
 *
 * <p>Datapaths report where the port is plugged ({@link Bind}, {@link Unbind}); the port records
 * it and passes it on to its network, which tells the datapaths. The datapath is answered only
 * once both have recorded it, and retries otherwise: the port does not retry on its behalf.
 */
public final class PortEntity extends EventSourcedBehaviorWithEnforcedReplies<PortEntity.Command, PortEntity.Event, PortEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Port");
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
  static final Duration STEP_RETRY = Duration.ofSeconds(1);

  public sealed interface Command extends TenetSerializable {}

  public record Create(String tenantId, PortSpec spec, Origin origin, ActorRef<Outcome<PortView>> replyTo) implements Command {}

  public record Get(ActorRef<Outcome<PortView>> replyTo) implements Command {}

  /** Security groups named in the patch were checked to exist by the caller. */
  public record Update(PortPatch patch, Origin origin, ActorRef<Outcome<PortView>> replyTo) implements Command {}

  /** Router interface ports are deleted only by their router ({@code byOwner}). */
  /** Changes the port's tags; a change that leaves them as they are writes nothing. */
  public record ChangeTags(TagChange change, Origin origin, ActorRef<Outcome<PortView>> replyTo) implements Command {}

  public record Delete(boolean byOwner, Origin origin, ActorRef<Outcome<PortView>> replyTo) implements Command {}

  /**
   * A datapath reports the port plugged on it. Answers ok with the network id once the port and
   * its network have both recorded the binding; idempotent. A binding on another datapath
   * replaces the current one: a migrating VM's new host may report before the old one unplugs.
   */
  public record Bind(PortBinding binding, ActorRef<Outcome<String>> replyTo) implements Command {
    public Bind {
      Objects.requireNonNull(binding, "binding");
      Objects.requireNonNull(binding.datapathId(), "binding.datapathId");
    }
  }

  /** A datapath reports the port unplugged from it. Only a binding on that datapath is removed. Answers ok with the network id. */
  public record Unbind(String datapathId, ActorRef<Outcome<String>> replyTo) implements Command {}

  record ReservationAnswered(Outcome<AddressReservation> outcome) implements Command {}

  record ReleaseAnswered(Outcome<String> outcome) implements Command {}

  record StepFailed(String reason) implements Command {}

  enum RetryStep implements Command { INSTANCE }

  /** The network's answer to a bind or unbind (or its silence, as a refusal), for the datapath that asked. */
  record MemberAnswered(Outcome<String> outcome, ActorRef<Outcome<String>> replyTo) implements Command {}

  record SecurityAnswered(Outcome<String> outcome) implements Command {}

  record SecurityFailed(String reason) implements Command {}

  enum RetrySecurity implements Command { INSTANCE }

  public sealed interface Event extends TenetSerializable {}

  // origin: null in events written before it was recorded

  public record PortRequested(String portId, String tenantId, PortSpec spec, Instant at, Origin origin) implements Event {}

  public record PortCreated(AddressReservation addresses, Instant at) implements Event {}

  public record PortRefused(Problem problem) implements Event {}

  public record PortUpdated(PortSpec spec, Instant at, Origin origin) implements Event {}

  public record TagsSet(List<String> tags, Instant at, Origin origin) implements Event {}

  public record PortDeletionStarted(Instant at, Origin origin) implements Event {}

  public record PortDeleted(Instant at) implements Event {}

  public record PortBound(PortBinding binding, Instant at) implements Event {}

  public record PortUnbound(String datapathId, Instant at) implements Event {}

  public sealed interface State extends TenetSerializable {}

  public record Empty() implements State {}

  /** Addresses asked of the network, answer not yet persisted. */
  public record Pending(String tenantId, PortSpec spec, Instant requestedAt, Origin origin) implements State {}

  /** {@code requested} is the create request, kept to recognize its retries after later updates. */
  public record Active(PortView view, PortSpec spec, PortSpec requested) implements State {
    public Active {
      requested = requested == null ? spec : requested; // snapshots from before this field existed
    }
  }

  /** Deletion accepted, the network's release not yet confirmed; invisible to readers. */
  public record Deleting(PortView view, PortSpec spec, Origin origin) implements State {}

  public record Deleted() implements State {}

  private final String portId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Function<String, RecipientRef<NetworkEntity.Command>> networks;
  /** Callers waiting for the saga in progress; not persisted: after a crash, clients retry. */
  private final List<ActorRef<Outcome<PortView>>> waiting = new ArrayList<>();
  /**
   * Where the port was reported plugged before it existed (clouds plug the VM first, then create
   * the port). Applied as soon as the port is created, so the data plane need not wait for the
   * datapath's next retry; kept in memory only, since the datapath keeps asking anyway.
   */
  private PortBinding pluggedBeforeCreation;

  public static Behavior<Command> create(String portId, Function<String, RecipientRef<NetworkEntity.Command>> networks) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> new PortEntity(portId, context, timers, networks)));
  }

  private PortEntity(String portId, ActorContext<Command> context, TimerScheduler<Command> timers, Function<String, RecipientRef<NetworkEntity.Command>> networks) {
    super(PersistenceId.of(ENTITY_KEY.name(), portId));
    this.portId = portId;
    this.context = context;
    this.timers = timers;
    this.networks = networks;
  }

  @Override
  public State emptyState() {
    return new Empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(50, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::resumeSaga).build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return COMMANDS.handlerOf(this);
  }

  // one table for every port entity: built per entity, it was about 2.5 KiB of each port's heap
  private static final CommandTable<PortEntity, Command, State, Event> COMMANDS = commands();

  private static CommandTable<PortEntity, Command, State, Event> commands() {
    CommandTable.Builder<PortEntity, Command, State, Event> table = CommandTable.builder();
    table.forState(Empty.class)
        .on(Create.class, (port, state, create) -> {
          port.waiting.add(create.replyTo());
          return port.Effect().persist(new PortRequested(port.portId, create.tenantId(), create.spec(), Timestamps.now(), create.origin()))
              .thenRun(port::resumeSaga).thenNoReply();
        })
        .on(Get.class, (port, state, get) -> port.Effect().reply(get.replyTo(), port.notFound()))
        .on(Update.class, (port, state, update) -> port.Effect().reply(update.replyTo(), port.notFound()))
        .on(ChangeTags.class, (port, state, change) -> port.Effect().reply(change.replyTo(), port.notFound()))
        .on(Delete.class, (port, state, delete) -> port.Effect().reply(delete.replyTo(), port.notFound()))
        .on(Bind.class, (port, state, bind) -> {
          port.pluggedBeforeCreation = bind.binding();
          return port.Effect().reply(bind.replyTo(), port.notFound());
        })
        .on(Unbind.class, (port, state, unbind) -> {
          if (port.pluggedBeforeCreation != null && port.pluggedBeforeCreation.datapathId().equals(unbind.datapathId())) port.pluggedBeforeCreation = null;
          return port.Effect().reply(unbind.replyTo(), port.notFound());
        });
    table.forState(Pending.class)
        .on(Create.class, (port, state, create) -> {
          if (!sameCreate(state.tenantId(), state.spec(), create)) return port.Effect().reply(create.replyTo(), port.clash());
          port.waiting.add(create.replyTo());
          return port.Effect().noReply();
        })
        .on(ReservationAnswered.class, PortEntity::onReservationAnswered)
        .on(StepFailed.class, PortEntity::scheduleRetry)
        .on(RetryStep.class, (port, state, retry) -> {
          port.resumeSaga(state);
          return port.Effect().noReply();
        })
        .onAny((port, state, command) -> port.Effect().stash());
    table.forState(Active.class)
        .on(Create.class, (port, state, create) -> port.Effect().reply(create.replyTo(),
            sameCreate(state.view().tenantId(), state.requested(), create) ? Outcome.ok(state.view()) : port.clash()))
        .on(Get.class, (port, state, get) -> port.Effect().reply(get.replyTo(), Outcome.ok(state.view())))
        .on(Update.class, PortEntity::onUpdate)
        .on(ChangeTags.class, PortEntity::onChangeTags)
        .on(Delete.class, PortEntity::onDelete)
        .on(Bind.class, PortEntity::onBind)
        .on(Unbind.class, PortEntity::onUnbind)
        .on(MemberAnswered.class, PortEntity::passOn)
        .on(SecurityAnswered.class, PortEntity::onSecurityAnswered)
        .on(SecurityFailed.class, PortEntity::retrySecurity)
        .on(RetrySecurity.class, (port, state, retry) -> {
          port.syncSecurity(state);
          return port.Effect().noReply();
        })
        .on(ReservationAnswered.class, (port, state, late) -> port.Effect().noReply())
        .on(ReleaseAnswered.class, (port, state, late) -> port.Effect().noReply())
        .on(StepFailed.class, (port, state, late) -> port.Effect().noReply())
        .on(RetryStep.class, (port, state, late) -> port.Effect().noReply());
    table.forState(Deleting.class)
        .on(Delete.class, (port, state, delete) -> {
          port.waiting.add(delete.replyTo());
          return port.Effect().noReply();
        })
        .on(ReleaseAnswered.class, PortEntity::onReleaseAnswered)
        .on(StepFailed.class, PortEntity::scheduleRetry)
        .on(RetryStep.class, (port, state, retry) -> {
          port.resumeSaga(state);
          return port.Effect().noReply();
        })
        .on(MemberAnswered.class, PortEntity::passOn)
        .onAny((port, state, command) -> port.Effect().stash());
    table.forState(Deleted.class)
        .on(Create.class, (port, state, create) -> port.Effect().reply(create.replyTo(),
            Outcome.rejected(Problem.of(ProblemCode.ALREADY_EXISTS, "port " + port.portId + " existed and was deleted; ids are not reused"))))
        .on(Get.class, (port, state, get) -> port.Effect().reply(get.replyTo(), port.notFound()))
        .on(Update.class, (port, state, update) -> port.Effect().reply(update.replyTo(), port.notFound()))
        .on(ChangeTags.class, (port, state, change) -> port.Effect().reply(change.replyTo(), port.notFound()))
        .on(Delete.class, (port, state, delete) -> port.Effect().reply(delete.replyTo(), port.notFound()))
        .on(Bind.class, (port, state, bind) -> port.Effect().reply(bind.replyTo(), port.notFound()))
        .on(Unbind.class, (port, state, unbind) -> port.Effect().reply(unbind.replyTo(), port.notFound()))
        .on(MemberAnswered.class, PortEntity::passOn)
        .onAny((port, state, late) -> port.Effect().noReply());
    return table.build();
  }

  /** Sends the next step of an unfinished saga; called after persisting and after recovery. */
  private void resumeSaga(State state) {
    if (state instanceof Pending pending) {
      SagaStep.<NetworkEntity.Command, AddressReservation, Command>ask(context, networks.apply(pending.spec().networkId()), STEP_TIMEOUT,
          replyTo -> new NetworkEntity.ReserveAddresses(portId, pending.tenantId(), pending.spec(), pending.origin(), replyTo),
          ReservationAnswered::new, failure -> new StepFailed(failure.toString()));
    } else if (state instanceof Deleting deleting) {
      SagaStep.<NetworkEntity.Command, String, Command>ask(context, networks.apply(deleting.view().networkId()), STEP_TIMEOUT,
          replyTo -> new NetworkEntity.ReleaseAddresses(portId, deleting.origin(), replyTo),
          ReleaseAnswered::new, failure -> new StepFailed(failure.toString()));
    }
  }

  private ReplyEffect<Event, State> scheduleRetry(State state, StepFailed failed) {
    context.getLog().warn("port {}: network step failed ({}); retrying in {}", portId, failed.reason(), STEP_RETRY);
    timers.startSingleTimer(RetryStep.INSTANCE, STEP_RETRY);
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onReservationAnswered(Pending state, ReservationAnswered answered) {
    if (answered.outcome() instanceof Outcome.Ok<AddressReservation> ok) {
      return Effect().persist(new PortCreated(ok.value(), Timestamps.now())).thenRun(this::answerWaiting).thenRun(s -> bindIfPluggedEarlier())
          .thenNoReply().thenUnstashAll();
    }
    Problem problem = ((Outcome.Rejected<AddressReservation>) answered.outcome()).problem();
    return Effect().persist(new PortRefused(problem)).thenRun(s -> answerWaiting(Outcome.rejected(problem))).thenNoReply().thenUnstashAll();
  }

  private ReplyEffect<Event, State> onReleaseAnswered(Deleting state, ReleaseAnswered answered) {
    if (answered.outcome() instanceof Outcome.Rejected<String> rejected) {
      // A network that is gone holds nothing for us; anything else is retried.
      if (rejected.problem().code() != ProblemCode.NOT_FOUND) return scheduleRetry(state, new StepFailed(rejected.problem().message()));
    }
    return Effect().persist(new PortDeleted(Timestamps.now())).thenRun(s -> answerWaiting(Outcome.ok(state.view()))).thenNoReply().thenUnstashAll();
  }

  private ReplyEffect<Event, State> onChangeTags(Active state, ChangeTags change) {
    Outcome<List<String>> next = Tags.changed(state.view().tags(), change.change());
    if (next instanceof Outcome.Rejected<List<String>> refused) return Effect().reply(change.replyTo(), Outcome.rejected(refused.problem()));
    List<String> tags = ((Outcome.Ok<List<String>>) next).value();
    if (tags.equals(state.view().tags())) return Effect().reply(change.replyTo(), Outcome.ok(state.view()));
    return Effect().persist(new TagsSet(tags, Timestamps.now(), change.origin())).thenReply(change.replyTo(), s -> Outcome.ok(((Active) s).view()));
  }

  private ReplyEffect<Event, State> onUpdate(Active state, Update update) {
    Outcome<PortSpec> patched = PortValidation.patch(state.spec(), update.patch());
    if (patched instanceof Outcome.Rejected<PortSpec> rejected) return Effect().reply(update.replyTo(), Outcome.rejected(rejected.problem()));
    PortSpec next = ((Outcome.Ok<PortSpec>) patched).value();
    if (next.equals(state.spec())) return Effect().reply(update.replyTo(), Outcome.ok(state.view()));
    boolean securityChanged = next.portSecurityEnabled() != state.spec().portSecurityEnabled()
        || !next.allowedAddressPairs().equals(state.spec().allowedAddressPairs()) || !next.securityGroupIds().equals(state.spec().securityGroupIds());
    return Effect().persist(new PortUpdated(next, Timestamps.now(), update.origin())).thenRun(s -> {
      if (securityChanged) syncSecurity(s);
    }).thenReply(update.replyTo(), s -> Outcome.ok(((Active) s).view()));
  }

  private ReplyEffect<Event, State> onBind(Active state, Bind bind) {
    String networkId = state.view().networkId();
    if (bind.binding().equals(state.view().binding())) {
      // recorded here already, but perhaps not by the network: a retry must reach it again
      askNetwork(networkId, replyTo -> new NetworkEntity.BindMember(portId, bind.binding(), replyTo), bind.replyTo());
      return Effect().noReply();
    }
    return Effect().persist(new PortBound(bind.binding(), Timestamps.now()))
        .thenRun(s -> askNetwork(networkId, replyTo -> new NetworkEntity.BindMember(portId, bind.binding(), replyTo), bind.replyTo()))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onUnbind(Active state, Unbind unbind) {
    String networkId = state.view().networkId();
    PortBinding current = state.view().binding();
    Function<ActorRef<Outcome<String>>, NetworkEntity.Command> request = replyTo -> new NetworkEntity.UnbindMember(portId, unbind.datapathId(), replyTo);
    if (current == null || !current.datapathId().equals(unbind.datapathId())) {
      // moved away or never bound here; the network may still hold this datapath (its bind was lost) and drops only that
      askNetwork(networkId, request, unbind.replyTo());
      return Effect().noReply();
    }
    return Effect().persist(new PortUnbound(unbind.datapathId(), Timestamps.now())).thenRun(s -> askNetwork(networkId, request, unbind.replyTo())).thenNoReply();
  }

  /** Asks the network to record a binding change; the datapath gets the answer with the network id, or a refusal to retry on. */
  private void askNetwork(String networkId, Function<ActorRef<Outcome<String>>, NetworkEntity.Command> request, ActorRef<Outcome<String>> datapath) {
    SagaStep.<NetworkEntity.Command, String, Command>ask(context, networks.apply(networkId), STEP_TIMEOUT, request,
        answer -> new MemberAnswered(answer.map(ignored -> networkId), datapath),
        failure -> new MemberAnswered(Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE,
            "network " + networkId + " did not confirm where port " + portId + " is plugged in time; retry")), datapath));
  }

  private ReplyEffect<Event, State> passOn(State state, MemberAnswered answered) {
    return Effect().reply(answered.replyTo(), answered.outcome());
  }

  /** Tells the network the port's current security flag; a retry sends the flag as it is then, never an older one. */
  private void syncSecurity(State state) {
    if (!(state instanceof Active active)) return;
    SagaStep.<NetworkEntity.Command, String, Command>ask(context, networks.apply(active.view().networkId()), STEP_TIMEOUT,
        replyTo -> new NetworkEntity.SetMemberSecurity(portId, active.spec().portSecurityEnabled(), active.spec().allowedAddressPairs(),
            active.spec().securityGroupIds(), replyTo),
        SecurityAnswered::new, failure -> new SecurityFailed(failure.toString()));
  }

  private ReplyEffect<Event, State> onSecurityAnswered(Active state, SecurityAnswered answered) {
    // NOT_FOUND: the network no longer holds the port (its deletion is under way), nothing to tell
    if (answered.outcome() instanceof Outcome.Rejected<String> rejected && rejected.problem().code() != ProblemCode.NOT_FOUND) {
      return retrySecurity(state, new SecurityFailed(rejected.problem().message()));
    }
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> retrySecurity(Active state, SecurityFailed failed) {
    context.getLog().warn("port {}: network did not take its port security flag ({}); retrying in {}", portId, failed.reason(), STEP_RETRY);
    timers.startSingleTimer(RetrySecurity.INSTANCE, STEP_RETRY);
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onDelete(Active state, Delete delete) {
    if (state.spec().isManaged() && !delete.byOwner()) {
      String why = switch (state.spec().deviceOwner()) {
        case PortSpec.ROUTER_INTERFACE_OWNER -> "is an interface of router " + state.spec().deviceId() + "; remove the router interface instead";
        case PortSpec.ROUTER_GATEWAY_OWNER -> "is the external gateway of router " + state.spec().deviceId() + "; remove the router's external gateway instead";
        default -> "holds floating IP " + state.spec().deviceId() + "; delete the floating IP instead";
      };
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.OWNED_BY_ROUTER, "port " + portId + " " + why)));
    }
    waiting.add(delete.replyTo());
    return Effect().persist(new PortDeletionStarted(Timestamps.now(), delete.origin())).thenRun(this::resumeSaga).thenNoReply();
  }

  private void bindIfPluggedEarlier() {
    PortBinding early = pluggedBeforeCreation;
    pluggedBeforeCreation = null;
    if (early != null) context.getSelf().tell(new Bind(early, context.getSystem().ignoreRef()));
  }

  private void answerWaiting(State state) {
    if (state instanceof Active active) answerWaiting(Outcome.ok(active.view()));
  }

  private void answerWaiting(Outcome<PortView> outcome) {
    waiting.forEach(replyTo -> replyTo.tell(outcome));
    waiting.clear();
  }

  private static boolean sameCreate(String tenantId, PortSpec spec, Create create) {
    return tenantId.equals(create.tenantId()) && spec.equals(create.spec());
  }

  private Outcome<PortView> clash() {
    return Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "port " + portId + " already exists with other values", "id"));
  }

  private <T> Outcome<T> notFound() {
    return Outcome.rejected(Problem.notFound("port", portId));
  }



  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> evolve(portId, state, event));
  }

  /** The state of port {@code portId} after {@code event}: pure, so the history replays a journal through exactly what the entity does. */
  public static State evolve(String portId, State state, Event event) {
    if (event instanceof PortRequested e) {
      return new Pending(e.tenantId(), e.spec(), e.at(), e.origin());
    } else if (event instanceof PortCreated e) {
      Pending pending = (Pending) state;
      PortSpec spec = pending.spec();
      AddressReservation a = e.addresses();
      return new Active(new PortView(portId, pending.tenantId(), spec.networkId(), spec.name(), a.macAddress(), a.fixedIps(),
          spec.securityGroupIds(), spec.portSecurityEnabled(), spec.adminStateUp(), spec.deviceOwner(), spec.deviceId(),
          PortView.DOWN, null, e.at(), e.at(), 1, null, spec.allowedAddressPairs(), List.of()), spec, spec);
    } else if (event instanceof PortRefused) {
      return new Empty();
    } else if (event instanceof PortUpdated e) {
      Active active = (Active) state;
      PortView v = active.view();
      PortSpec s = e.spec();
      return new Active(new PortView(v.id(), v.tenantId(), v.networkId(), s.name(), v.macAddress(), v.fixedIps(), s.securityGroupIds(),
          s.portSecurityEnabled(), s.adminStateUp(), s.deviceOwner(), s.deviceId(), v.status(), v.binding(), v.createdAt(), e.at(), v.revision() + 1, null,
          s.allowedAddressPairs(), v.tags()), s, active.requested());
    } else if (event instanceof TagsSet e) {
      Active active = (Active) state;
      return new Active(active.view().withTags(e.tags(), e.at()), active.spec(), active.requested());
    } else if (event instanceof PortBound e) {
      return withBinding((Active) state, PortView.ACTIVE, e.binding(), e.at());
    } else if (event instanceof PortUnbound e) {
      return withBinding((Active) state, PortView.DOWN, null, e.at());
    } else if (event instanceof PortDeletionStarted e) {
      return new Deleting(((Active) state).view(), ((Active) state).spec(), e.origin());
    } else if (event instanceof PortDeleted) {
      return new Deleted();
    }
    throw new IllegalArgumentException("unknown port event " + event.getClass().getName());
  }

  private static Active withBinding(Active active, String status, PortBinding binding, Instant at) {
    PortView v = active.view();
    return new Active(new PortView(v.id(), v.tenantId(), v.networkId(), v.name(), v.macAddress(), v.fixedIps(), v.securityGroupIds(),
        v.portSecurityEnabled(), v.adminStateUp(), v.deviceOwner(), v.deviceId(), status, binding, v.createdAt(), at, v.revision() + 1, null,
        v.allowedAddressPairs(), v.tags()), active.spec(), active.requested());
  }
}
