package io.tenet.topology.network;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.ipam.PortAddressing;
import io.tenet.topology.ipam.SubnetChanges;
import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.saga.SagaStep;
import io.tenet.topology.vni.VniRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A tenant network: its VNI, subnets and the addresses of every member port. Being the
 * single writer of its address book, it is where two ports can never get one IP or MAC:
 * reservations are decided here, one command at a time, and persisted before they are answered.
 */
public final class NetworkEntity extends EventSourcedBehaviorWithEnforcedReplies<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Network");

  public sealed interface Command extends TenetSerializable {}

  /** {@code vni} was allocated by the {@link io.tenet.topology.vni.VniRegistry} for this network id. */
  public record Create(String tenantId, NetworkSpec spec, int vni, ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  public record Get(ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  /** Null fields stay as they are; {@code subnets} (validated) replaces the list. */
  public record Update(String name, Integer mtu, Boolean adminStateUp, List<Subnet> subnets, ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  public record Delete(ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  /** Idempotent per port id: a retry answers with the addresses already reserved. */
  public record ReserveAddresses(String portId, String tenantId, PortSpec spec, ActorRef<Outcome<AddressReservation>> replyTo) implements Command {}

  /** Idempotent: releasing an unknown port answers ok. */
  public record ReleaseAddresses(String portId, ActorRef<Outcome<String>> replyTo) implements Command {}

  public record ListPorts(ActorRef<Outcome<PortIds>> replyTo) implements Command {}

  public record PortIds(List<String> ids) implements TenetSerializable {}

  public sealed interface Event extends TenetSerializable {}

  public record NetworkCreated(String networkId, String tenantId, NetworkSpec spec, int vni, Instant at) implements Event {}

  public record NetworkUpdated(String name, int mtu, boolean adminStateUp, List<Subnet> subnets, Instant at) implements Event {}

  public record AddressesReserved(AddressReservation reservation) implements Event {}

  public record AddressesReleased(String portId) implements Event {}

  public record NetworkDeleted(Instant at) implements Event {}

  /** The VNI of the deleted network is back in the registry. */
  public record VniReturned(int vni) implements Event {}

  record VniReleaseAnswered(Outcome<Integer> outcome) implements Command {}

  record VniReleaseFailed(String reason) implements Command {}

  enum RetryVniRelease implements Command { INSTANCE }

  /**
   * {@code view} is null before creation and after deletion (a deleted id is never reused).
   * {@code requested} keeps the create request to recognize its retries. {@code vniToReturn} is
   * the VNI of a deleted network until the registry has confirmed taking it back.
   */
  public record State(NetworkView view, NetworkSpec requested, Map<String, AddressReservation> ports, boolean deleted, Integer vniToReturn)
      implements TenetSerializable {
    State withPorts(Map<String, AddressReservation> nextPorts) {
      return new State(view, requested, nextPorts, deleted, vniToReturn);
    }

    Set<String> usedIps() {
      Set<String> used = new HashSet<>();
      ports.values().forEach(p -> p.fixedIps().forEach(ip -> used.add(ip.ipAddress())));
      return used;
    }

    Set<String> usedMacs() {
      Set<String> used = new HashSet<>();
      ports.values().forEach(p -> used.add(p.macAddress()));
      return used;
    }
  }

  static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
  static final Duration STEP_RETRY = Duration.ofSeconds(1);

  private final String networkId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Supplier<RecipientRef<VniRegistry.Command>> vniRegistry;

  /**
   * Network entities are remembered by sharding: a network deleted just before a crash is
   * restarted and hands its VNI back to the registry without waiting for a client.
   */
  public static Behavior<Command> create(String networkId, Supplier<RecipientRef<VniRegistry.Command>> vniRegistry) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> new NetworkEntity(networkId, context, timers, vniRegistry)));
  }

  private NetworkEntity(String networkId, ActorContext<Command> context, TimerScheduler<Command> timers, Supplier<RecipientRef<VniRegistry.Command>> vniRegistry) {
    super(PersistenceId.of(ENTITY_KEY.name(), networkId));
    this.networkId = networkId;
    this.context = context;
    this.timers = timers;
    this.vniRegistry = vniRegistry;
  }

  @Override
  public State emptyState() {
    return new State(null, null, Map.of(), false, null);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::returnVni).build();
  }

  /** Asks the registry to take the deleted network's VNI back; retried until it confirms. */
  private void returnVni(State state) {
    if (!state.deleted() || state.vniToReturn() == null) return;
    SagaStep.<VniRegistry.Command, Integer, Command>ask(context, vniRegistry.get(), STEP_TIMEOUT,
        replyTo -> new VniRegistry.Release(networkId, replyTo),
        VniReleaseAnswered::new, failure -> new VniReleaseFailed(failure.toString()));
  }

  private ReplyEffect<Event, State> onVniReleaseAnswered(State state, VniReleaseAnswered answered) {
    if (state.vniToReturn() == null) return Effect().noReply();
    // NOT_FOUND: the registry holds nothing for this network any more, which is the goal too
    if (answered.outcome() instanceof Outcome.Rejected<Integer> rejected && rejected.problem().code() != ProblemCode.NOT_FOUND) {
      return onVniReleaseFailed(state, new VniReleaseFailed(rejected.problem().message()));
    }
    return Effect().persist(new VniReturned(state.vniToReturn())).thenNoReply();
  }

  private ReplyEffect<Event, State> onVniReleaseFailed(State state, VniReleaseFailed failed) {
    context.getLog().warn("network {}: VNI {} not yet returned ({}); retrying in {}", networkId, state.vniToReturn(), failed.reason(), STEP_RETRY);
    timers.startSingleTimer(RetryVniRelease.INSTANCE, STEP_RETRY);
    return Effect().noReply();
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
        .onCommand(Update.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(ReserveAddresses.class, this::onReserve)
        .onCommand(ReleaseAddresses.class, this::onRelease)
        .onCommand(ListPorts.class, (state, list) -> Effect().reply(list.replyTo(),
            found(state).map(view -> new PortIds(List.copyOf(state.ports().keySet())))))
        .onCommand(VniReleaseAnswered.class, this::onVniReleaseAnswered)
        .onCommand(VniReleaseFailed.class, this::onVniReleaseFailed)
        .onCommand(RetryVniRelease.class, (state, retry) -> {
          returnVni(state);
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create create) {
    if (state.deleted()) return Effect().reply(create.replyTo(), Outcome.rejected(Problem.of(ProblemCode.ALREADY_EXISTS, "network " + networkId + " existed and was deleted; ids are not reused")));
    if (state.view() != null) {
      boolean same = state.view().tenantId().equals(create.tenantId()) && state.requested().equals(create.spec()) && state.view().vni() == create.vni();
      return Effect().reply(create.replyTo(), same ? Outcome.ok(state.view())
          : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "network " + networkId + " already exists with other values", "id")));
    }
    return Effect().persist(new NetworkCreated(networkId, create.tenantId(), create.spec(), create.vni(), Timestamps.now()))
        .thenReply(create.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onUpdate(State state, Update update) {
    if (state.view() == null) return Effect().reply(update.replyTo(), found(state));
    NetworkView view = state.view();
    List<Subnet> subnets = update.subnets() == null ? view.subnets() : update.subnets();
    try {
      SubnetChanges.check(view.subnets(), subnets, state.ports().values());
    } catch (ProblemException refused) {
      return Effect().reply(update.replyTo(), Outcome.rejected(refused.problem()));
    }
    NetworkUpdated updated = new NetworkUpdated(
        update.name() == null ? view.name() : update.name(),
        update.mtu() == null ? view.mtu() : update.mtu(),
        update.adminStateUp() == null ? view.adminStateUp() : update.adminStateUp(),
        subnets, Timestamps.now());
    boolean unchanged = updated.name().equals(view.name()) && updated.mtu() == view.mtu()
        && updated.adminStateUp() == view.adminStateUp() && updated.subnets().equals(view.subnets());
    if (unchanged) return Effect().reply(update.replyTo(), Outcome.ok(view));
    return Effect().persist(updated).thenReply(update.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onDelete(State state, Delete delete) {
    if (state.view() == null) return Effect().reply(delete.replyTo(), found(state));
    if (!state.ports().isEmpty()) {
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.NETWORK_HAS_PORTS,
          "network " + networkId + " still has " + state.ports().size() + " port(s); delete them first")));
    }
    return Effect().persist(new NetworkDeleted(Timestamps.now())).thenRun(this::returnVni).thenReply(delete.replyTo(), s -> Outcome.ok(state.view()));
  }

  private ReplyEffect<Event, State> onReserve(State state, ReserveAddresses reserve) {
    if (state.view() == null || !state.view().tenantId().equals(reserve.tenantId())) {
      return Effect().reply(reserve.replyTo(), Outcome.rejected(new Problem(ProblemCode.NOT_FOUND, "network " + networkId + " does not exist", "network_id")));
    }
    AddressReservation existing = state.ports().get(reserve.portId());
    if (existing != null) return Effect().reply(reserve.replyTo(), Outcome.ok(existing));
    Outcome<AddressReservation> decided = PortAddressing.reserve(reserve.portId(), reserve.spec(), state.view().subnets(), state.usedIps(), state.usedMacs());
    if (decided instanceof Outcome.Ok<AddressReservation> ok) {
      return Effect().persist(new AddressesReserved(ok.value())).thenReply(reserve.replyTo(), s -> decided);
    }
    return Effect().reply(reserve.replyTo(), decided);
  }

  private ReplyEffect<Event, State> onRelease(State state, ReleaseAddresses release) {
    if (!state.ports().containsKey(release.portId())) return Effect().reply(release.replyTo(), Outcome.ok(release.portId()));
    return Effect().persist(new AddressesReleased(release.portId())).thenReply(release.replyTo(), s -> Outcome.ok(release.portId()));
  }

  private Outcome<NetworkView> found(State state) {
    return state.view() == null ? Outcome.rejected(Problem.notFound("network", networkId)) : Outcome.ok(state.view());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(NetworkCreated.class, (state, e) -> new State(
            new NetworkView(e.networkId(), e.tenantId(), e.spec().name(), e.vni(), e.spec().mtu(), e.spec().adminStateUp(), e.spec().subnets(), e.at(), e.at(), 1),
            e.spec(), state.ports(), false, null))
        .onEvent(NetworkUpdated.class, (state, e) -> {
          NetworkView v = state.view();
          return new State(new NetworkView(v.id(), v.tenantId(), e.name(), v.vni(), e.mtu(), e.adminStateUp(), e.subnets(), v.createdAt(), e.at(), v.revision() + 1),
              state.requested(), state.ports(), false, null);
        })
        .onEvent(AddressesReserved.class, (state, e) -> {
          Map<String, AddressReservation> ports = new LinkedHashMap<>(state.ports());
          ports.put(e.reservation().portId(), e.reservation());
          return state.withPorts(ports);
        })
        .onEvent(AddressesReleased.class, (state, e) -> {
          Map<String, AddressReservation> ports = new LinkedHashMap<>(state.ports());
          ports.remove(e.portId());
          return state.withPorts(ports);
        })
        .onEvent(NetworkDeleted.class, (state, e) -> new State(null, null, Map.of(), true, state.view().vni()))
        .onEvent(VniReturned.class, (state, e) -> new State(null, null, Map.of(), true, null))
        .build();
  }
}
