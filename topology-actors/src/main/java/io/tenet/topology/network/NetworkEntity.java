package io.tenet.topology.network;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.dataplane.DataplaneWatchers;
import io.tenet.topology.ipam.PortAddressing;
import io.tenet.topology.ipam.SubnetChanges;
import io.tenet.topology.model.AddressPair;
import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.L2Bridge;
import io.tenet.topology.model.Lists;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.Tags;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationLedger;
import io.tenet.topology.saga.SagaStep;
import io.tenet.topology.vni.VniRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
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
 * A tenant network: its VNI, subnets and the addresses of every member port. Being the
 * single writer of its address book, it is where two ports can never get one IP or MAC:
 * reservations are decided here, one command at a time, and persisted before they are answered.
 * It also records where each member is plugged (told by the member's port) and publishes its
 * {@link NetworkDataplane} to the datapaths hosting members whenever that changes, and hears back
 * which version each of them confirmed, from which it answers how far any of its versions (and
 * each member port's) is realized.
 */
public final class NetworkEntity extends EventSourcedBehaviorWithEnforcedReplies<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Network");

  public sealed interface Command extends TenetSerializable {}

  /** {@code vni} was allocated by the {@link io.tenet.topology.vni.VniRegistry} for this network id. */
  public record Create(String tenantId, NetworkSpec spec, int vni, Origin origin, ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  public record Get(ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  /**
   * Null fields stay as they are; {@code subnets} (validated) replaces the list. {@code ifRevision}:
   * refused unless the network is at that revision (null: whatever it is), so a list read,
   * changed and written back loses no concurrent change.
   */
  public record Update(String name, Integer mtu, Boolean adminStateUp, List<Subnet> subnets, Long ifRevision, Origin origin,
      ActorRef<Outcome<NetworkView>> replyTo) implements Command {
    public Update(String name, Integer mtu, Boolean adminStateUp, List<Subnet> subnets, Origin origin, ActorRef<Outcome<NetworkView>> replyTo) {
      this(name, mtu, adminStateUp, subnets, null, origin, replyTo);
    }
  }

  public record Delete(Origin origin, ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  /**
   * Replaces the tags (validated) of the network, or with {@code subnetId} of that subnet of it; the
   * same tags again write nothing. Tags are nothing a datapath implements: no view is published.
   */
  public record ChangeTags(String subnetId, TagChange change, Origin origin, ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  /** Bridges the network to a VLAN through a layer-2 gateway, changes its hosts, or ({@code bridge} null) removes it. */
  public record Bridge(L2Bridge bridge, Origin origin, ActorRef<Outcome<NetworkView>> replyTo) implements Command {}

  /** The datapath's switch took the layer-2 gateway over (BFD lost every host ranked before it): it is the active host now. */
  public record TakeOverBridge(String datapathId) implements Command {}

  /** Idempotent per port id: a retry answers with the addresses already reserved. */
  public record ReserveAddresses(String portId, String tenantId, PortSpec spec, Origin origin, ActorRef<Outcome<AddressReservation>> replyTo) implements Command {}

  /** Idempotent: releasing an unknown port answers ok. */
  public record ReleaseAddresses(String portId, Origin origin, ActorRef<Outcome<String>> replyTo) implements Command {}

  /** The member's port is plugged there. Unknown port: not found; the same binding again: ok, nothing written. */
  public record BindMember(String portId, PortBinding binding, ActorRef<Outcome<String>> replyTo) implements Command {
    public BindMember {
      Objects.requireNonNull(binding, "binding");
    }
  }

  /** Only a binding on {@code datapathId} is removed: a port that moved since stays where it is. Always ok. */
  public record UnbindMember(String portId, String datapathId, ActorRef<Outcome<String>> replyTo) implements Command {}

  /** The member's port security flag, the address pairs that extend it and its security groups. */
  public record SetMemberSecurity(String portId, boolean enabled, List<AddressPair> allowedAddressPairs, List<String> securityGroupIds,
      ActorRef<Outcome<String>> replyTo) implements Command {
    public SetMemberSecurity {
      allowedAddressPairs = Lists.copyOrEmpty(allowedAddressPairs);
      securityGroupIds = Lists.copyOrEmpty(securityGroupIds);
    }
  }

  /**
   * What the datapaths must implement now; datapaths pull it when they (re)connect or missed a push.
   * {@code watcher}, if not null, is a datapath that hosts no member but routes to this network:
   * it gets every later view too, until this entity restarts (the watcher pulls again periodically).
   */
  public record GetDataplane(String watcher, ActorRef<Outcome<NetworkDataplane>> replyTo) implements Command {
    public GetDataplane(ActorRef<Outcome<NetworkDataplane>> replyTo) {
      this(null, replyTo);
    }
  }

  /** From a datapath that no longer routes to this network: no more views unless it hosts a member. No answer. */
  public record StopWatching(String datapathId) implements Command {}

  /** From a datapath: it implements {@code version} of this network's view, confirmed by a barrier at {@code at}. No answer. */
  public record ConfirmDataplane(String datapathId, String hostname, long version, Instant at) implements Command {}

  /** From a datapath: it cannot confirm anything until it confirms again. No answer. */
  public record ReportDataplaneTrouble(String datapathId, String hostname, DataplaneTrouble trouble) implements Command {}

  /** How far the member port's current state is implemented by the datapaths hosting the network. */
  public record GetPortRealization(String portId, ActorRef<Outcome<Realization>> replyTo) implements Command {}

  /** {@link GetPortRealization} for every member at once: also how the network's ports are listed. */
  public record GetPortRealizations(ActorRef<Outcome<PortRealizations>> replyTo) implements Command {}

  public record PortRealizations(Map<String, Realization> byPort) implements TenetSerializable {}

  public sealed interface Event extends TenetSerializable {}

  // origin: null in events written before it was recorded

  public record NetworkCreated(String networkId, String tenantId, NetworkSpec spec, int vni, Instant at, Origin origin) implements Event {}

  public record NetworkUpdated(String name, int mtu, boolean adminStateUp, List<Subnet> subnets, Instant at, Origin origin) implements Event {}

  /**
   * {@code portSecurityEnabled} is null in events written before it existed: those ports had it on by default.
   * {@code routerId}: the router whose interface the port is, else null (also in events written before it was recorded).
   * {@code allowedAddressPairs}: the addresses the port may also send from; {@code securityGroupIds}: the port's groups.
   */
  public record AddressesReserved(AddressReservation reservation, Boolean portSecurityEnabled, Origin origin, String routerId,
      List<AddressPair> allowedAddressPairs, List<String> securityGroupIds) implements Event {
    public AddressesReserved(AddressReservation reservation, Boolean portSecurityEnabled, Origin origin) {
      this(reservation, portSecurityEnabled, origin, null, List.of(), List.of());
    }

    public AddressesReserved {
      portSecurityEnabled = portSecurityEnabled == null || portSecurityEnabled;
      allowedAddressPairs = Lists.copyOrEmpty(allowedAddressPairs); // null in events written before pairs existed
      securityGroupIds = Lists.copyOrEmpty(securityGroupIds); // null in events written before groups were recorded here
    }
  }

  public record AddressesReleased(String portId, Origin origin) implements Event {}

  public record NetworkDeleted(Instant at, Origin origin) implements Event {}

  /** {@code subnetId}: null when the tags are the network's own. */
  public record TagsSet(String subnetId, List<String> tags, Instant at, Origin origin) implements Event {}

  /** The network's layer-2 gateway was set or changed ({@code bridge}), or removed (null). */
  public record NetworkBridged(L2Bridge bridge, Instant at, Origin origin) implements Event {}

  /** A host of the layer-2 gateway took it over; it stays active when the failed one returns. */
  public record BridgeTakenOver(String datapathId, Instant at) implements Event {}

  /** The registry confirmed it no longer holds the removed layer-2 gateway's VLAN (claimed under the gateway's id). */
  public record L2ClaimReturned(String claimId) implements Event {}

  /** The VNI of the deleted network is back in the registry. */
  public record VniReturned(int vni) implements Event {}

  public record MemberBound(String portId, PortBinding binding) implements Event {}

  public record MemberUnbound(String portId, String datapathId) implements Event {}

  /**
   * {@code allowedAddressPairs}: null in events written before pairs existed (none);
   * {@code securityGroupIds}: null in events written before the network recorded groups (unknown: kept as they were).
   */
  public record MemberSecurityChanged(String portId, boolean enabled, List<AddressPair> allowedAddressPairs, List<String> securityGroupIds) implements Event {
    public MemberSecurityChanged {
      allowedAddressPairs = Lists.copyOrEmpty(allowedAddressPairs);
      securityGroupIds = securityGroupIds == null ? null : List.copyOf(securityGroupIds);
    }

    public MemberSecurityChanged(String portId, boolean enabled) {
      this(portId, enabled, List.of(), null);
    }
  }

  record VniReleaseAnswered(Outcome<Integer> outcome) implements Command {}

  record VniReleaseFailed(String reason) implements Command {}

  enum RetryVniRelease implements Command { INSTANCE }

  record L2ClaimReleaseAnswered(Outcome<Integer> outcome) implements Command {}

  record L2ClaimReleaseFailed(String reason) implements Command {}

  enum RetryL2ClaimRelease implements Command { INSTANCE }

  /**
   * {@code view} is null before creation and after deletion (a deleted id is never reused).
   * {@code requested} keeps the create request to recognize its retries. {@code vniToReturn} is
   * the VNI of a deleted network until the registry has confirmed taking it back. {@code bindings}
   * holds the plugged members only; {@code portSecurity} a flag per member (absent: enabled).
   * {@code dataplaneVersion} is the sequence number of the last event that changed the data-plane
   * view (null in snapshots from before it was recorded), {@code memberVersions} the same per
   * member port. {@code routerPorts} maps each member that is a router's interface to the router;
   * {@code addressPairs} holds the members' allowed address pairs (absent: none), {@code memberGroups}
   * their security groups (absent: none). {@code claimToRelease}: the id under which a removed
   * layer-2 gateway's VLAN is claimed in the VNI registry, until the registry confirmed its release
   * (null: none; also in snapshots from before layer-2 gateways).
   */
  public record State(NetworkView view, NetworkSpec requested, Map<String, AddressReservation> ports, boolean deleted, Integer vniToReturn,
      Map<String, PortBinding> bindings, Map<String, Boolean> portSecurity, Long dataplaneVersion, Map<String, Long> memberVersions,
      Map<String, String> routerPorts, Map<String, List<AddressPair>> addressPairs, Map<String, List<String>> memberGroups, String claimToRelease)
      implements TenetSerializable {
    public State {
      // snapshots from before bindings, port security, versions and router ports were recorded
      bindings = bindings == null ? Map.of() : bindings;
      portSecurity = portSecurity == null ? Map.of() : portSecurity;
      memberVersions = memberVersions == null ? Map.of() : memberVersions;
      routerPorts = routerPorts == null ? Map.of() : routerPorts;
      addressPairs = addressPairs == null ? Map.of() : addressPairs;
      memberGroups = memberGroups == null ? Map.of() : memberGroups;
    }

    State withMembers(Map<String, AddressReservation> nextPorts, Map<String, PortBinding> nextBindings, Map<String, Boolean> nextSecurity) {
      return withMembers(nextPorts, nextBindings, nextSecurity, routerPorts);
    }

    State withMembers(Map<String, AddressReservation> nextPorts, Map<String, PortBinding> nextBindings, Map<String, Boolean> nextSecurity,
        Map<String, String> nextRouterPorts) {
      return new State(view, requested, nextPorts, deleted, vniToReturn, nextBindings, nextSecurity, dataplaneVersion, memberVersions, nextRouterPorts,
          addressPairs, memberGroups, claimToRelease);
    }

    State withAddressPairs(Map<String, List<AddressPair>> nextPairs) {
      return new State(view, requested, ports, deleted, vniToReturn, bindings, portSecurity, dataplaneVersion, memberVersions, routerPorts, nextPairs,
          memberGroups, claimToRelease);
    }

    State withMemberGroups(Map<String, List<String>> nextGroups) {
      return new State(view, requested, ports, deleted, vniToReturn, bindings, portSecurity, dataplaneVersion, memberVersions, routerPorts, addressPairs,
          nextGroups, claimToRelease);
    }

    State withVersions(long nextDataplaneVersion, Map<String, Long> nextMemberVersions) {
      return new State(view, requested, ports, deleted, vniToReturn, bindings, portSecurity, nextDataplaneVersion, nextMemberVersions, routerPorts,
          addressPairs, memberGroups, claimToRelease);
    }

    /** The datapaths hosting at least one member, with their hypervisors' names, in order. */
    Map<String, String> hostnames() {
      Map<String, String> hosts = new TreeMap<>();
      bindings.values().forEach(b -> hosts.put(b.datapathId(), b.hostname()));
      return hosts;
    }

    boolean portSecurityEnabled(String portId) {
      return portSecurity.getOrDefault(portId, true);
    }

    /** The datapaths hosting at least one member, and the hosts of the network's layer-2 gateway: those the view is published to. */
    Set<String> hosts() {
      Set<String> hosts = new TreeSet<>();
      bindings.values().forEach(b -> hosts.add(b.datapathId()));
      if (view != null && view.l2Gateway() != null) view.l2Gateway().hosts().forEach(host -> hosts.add(host.datapathId()));
      return hosts;
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
  private final DataplaneSink dataplane;
  // Datapaths routing to this network without hosting a member; not persisted, they pull again periodically.
  private final DataplaneWatchers watchers = new DataplaneWatchers();
  /** Not persisted: datapaths confirm again on every anti-entropy pull, so it refills within that period after a restart. */
  private final RealizationLedger ledger = new RealizationLedger();
  // every datapath serving the network asks for its view on each anti-entropy round: derived once per event, not per ask
  private State derivedFrom;
  private NetworkDataplane derived;

  /** A network that publishes its data-plane view nowhere. */
  public static Behavior<Command> create(String networkId, Supplier<RecipientRef<VniRegistry.Command>> vniRegistry) {
    return create(networkId, vniRegistry, DataplaneSink.none());
  }

  /**
   * Network entities are remembered by sharding: a network deleted just before a crash is
   * restarted and hands its VNI back to the registry without waiting for a client.
   */
  public static Behavior<Command> create(String networkId, Supplier<RecipientRef<VniRegistry.Command>> vniRegistry, DataplaneSink dataplane) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> new NetworkEntity(networkId, context, timers, vniRegistry, dataplane)));
  }

  private NetworkEntity(String networkId, ActorContext<Command> context, TimerScheduler<Command> timers,
      Supplier<RecipientRef<VniRegistry.Command>> vniRegistry, DataplaneSink dataplane) {
    super(PersistenceId.of(ENTITY_KEY.name(), networkId));
    this.networkId = networkId;
    this.context = context;
    this.timers = timers;
    this.vniRegistry = vniRegistry;
    this.dataplane = dataplane;
  }

  @Override
  public State emptyState() {
    return initialState();
  }

  /** Before the first event. */
  public static State initialState() {
    return new State(null, null, Map.of(), false, null, Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of(), null);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), state -> {
      returnVni(state);
      returnL2Claim(state);
    }).build();
  }

  /** Asks the registry to take the deleted network's VNI back; retried until it confirms. */
  private void returnVni(State state) {
    if (!state.deleted() || state.vniToReturn() == null) return;
    SagaStep.<VniRegistry.Command, Integer, Command>ask(context, vniRegistry.get(), STEP_TIMEOUT,
        replyTo -> new VniRegistry.Release(networkId, replyTo),
        VniReleaseAnswered::new, failure -> new VniReleaseFailed(failure.toString()));
  }

  /** Asks the registry to give a removed layer-2 gateway's VLAN back; retried until it confirms. */
  private void returnL2Claim(State state) {
    if (state.claimToRelease() == null) return;
    String claim = state.claimToRelease();
    SagaStep.<VniRegistry.Command, Integer, Command>ask(context, vniRegistry.get(), STEP_TIMEOUT, replyTo -> new VniRegistry.Release(claim, replyTo),
        L2ClaimReleaseAnswered::new, failure -> new L2ClaimReleaseFailed(failure.toString()));
  }

  private ReplyEffect<Event, State> onL2ClaimReleaseAnswered(State state, L2ClaimReleaseAnswered answered) {
    if (state.claimToRelease() == null) return Effect().noReply();
    // NOT_FOUND: the registry holds nothing under that id any more, which is the goal too
    if (answered.outcome() instanceof Outcome.Rejected<Integer> rejected && rejected.problem().code() != ProblemCode.NOT_FOUND) {
      return onL2ClaimReleaseFailed(state, new L2ClaimReleaseFailed(rejected.problem().message()));
    }
    return Effect().persist(new L2ClaimReturned(state.claimToRelease())).thenNoReply();
  }

  private ReplyEffect<Event, State> onL2ClaimReleaseFailed(State state, L2ClaimReleaseFailed failed) {
    context.getLog().warn("network {}: VLAN of layer-2 gateway {} not yet released ({}); retrying in {}", networkId, state.claimToRelease(), failed.reason(),
        STEP_RETRY);
    timers.startSingleTimer(RetryL2ClaimRelease.INSTANCE, STEP_RETRY);
    return Effect().noReply();
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
        .onCommand(ConfirmDataplane.class, (state, confirm) -> {
          ledger.confirmed(confirm.datapathId(), confirm.hostname(), confirm.version(), confirm.at());
          return Effect().noReply();
        })
        .onCommand(ReportDataplaneTrouble.class, (state, report) -> {
          ledger.troubled(report.datapathId(), report.hostname(), report.trouble());
          return Effect().noReply();
        })
        .onCommand(GetPortRealization.class, (state, get) -> Effect().reply(get.replyTo(),
            member(state, get.portId()).map(id -> portRealization(state, id))))
        .onCommand(GetPortRealizations.class, (state, get) -> Effect().reply(get.replyTo(), found(state).map(view -> {
          Map<String, Realization> byPort = new LinkedHashMap<>();
          state.ports().keySet().forEach(id -> byPort.put(id, portRealization(state, id)));
          return new PortRealizations(byPort);
        })))
        .onCommand(Update.class, this::onUpdate)
        .onCommand(ChangeTags.class, this::onChangeTags)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(Bridge.class, this::onBridge)
        .onCommand(TakeOverBridge.class, this::onTakeOverBridge)
        .onCommand(ReserveAddresses.class, this::onReserve)
        .onCommand(ReleaseAddresses.class, this::onRelease)
        .onCommand(BindMember.class, this::onBindMember)
        .onCommand(UnbindMember.class, this::onUnbindMember)
        .onCommand(SetMemberSecurity.class, this::onSetMemberSecurity)
        .onCommand(StopWatching.class, (state, stop) -> {
          watchers.stop(stop.datapathId());
          return Effect().noReply();
        })
        .onCommand(GetDataplane.class, (state, get) -> {
          if (get.watcher() != null && state.view() != null) watchers.watch(get.watcher(), null);
          // asked by every datapath of the network on each anti-entropy round: no realization computed to be dropped
          if (state.view() == null) return Effect().reply(get.replyTo(), Outcome.rejected(Problem.notFound("network", networkId)));
          return Effect().reply(get.replyTo(), Outcome.ok(dataplaneOf(state)));
        })
        .onCommand(VniReleaseAnswered.class, this::onVniReleaseAnswered)
        .onCommand(VniReleaseFailed.class, this::onVniReleaseFailed)
        .onCommand(RetryVniRelease.class, (state, retry) -> {
          returnVni(state);
          return Effect().noReply();
        })
        .onCommand(L2ClaimReleaseAnswered.class, this::onL2ClaimReleaseAnswered)
        .onCommand(L2ClaimReleaseFailed.class, this::onL2ClaimReleaseFailed)
        .onCommand(RetryL2ClaimRelease.class, (state, retry) -> {
          returnL2Claim(state);
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create create) {
    if (state.deleted()) return Effect().reply(create.replyTo(), Outcome.rejected(Problem.of(ProblemCode.ALREADY_EXISTS, "network " + networkId + " existed and was deleted; ids are not reused")));
    if (state.view() != null) {
      boolean same = state.view().tenantId().equals(create.tenantId()) && state.requested().equals(create.spec()) && state.view().vni() == create.vni();
      return Effect().reply(create.replyTo(), same ? found(state)
          : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "network " + networkId + " already exists with other values", "id")));
    }
    return Effect().persist(new NetworkCreated(networkId, create.tenantId(), create.spec(), create.vni(), Timestamps.now(), create.origin()))
        .thenReply(create.replyTo(), this::found);
  }

  private ReplyEffect<Event, State> onUpdate(State state, Update update) {
    if (state.view() == null) return Effect().reply(update.replyTo(), found(state));
    NetworkView view = state.view();
    if (update.ifRevision() != null && update.ifRevision() != view.revision()) {
      return Effect().reply(update.replyTo(), Outcome.rejected(Problem.of(ProblemCode.REVISION_MISMATCH,
          "network " + networkId + " is at revision " + view.revision() + ", not " + update.ifRevision())));
    }
    // a subnet's tags are changed by ChangeTags only: a new list keeps the tags of the subnets it keeps
    List<Subnet> subnets = update.subnets() == null ? view.subnets() : withTagsOf(view.subnets(), update.subnets());
    try {
      SubnetChanges.check(view.subnets(), subnets, state.ports().values());
    } catch (ProblemException refused) {
      return Effect().reply(update.replyTo(), Outcome.rejected(refused.problem()));
    }
    NetworkUpdated updated = new NetworkUpdated(
        update.name() == null ? view.name() : update.name(),
        update.mtu() == null ? view.mtu() : update.mtu(),
        update.adminStateUp() == null ? view.adminStateUp() : update.adminStateUp(),
        subnets, Timestamps.now(), update.origin());
    boolean unchanged = updated.name().equals(view.name()) && updated.mtu() == view.mtu()
        && updated.adminStateUp() == view.adminStateUp() && updated.subnets().equals(view.subnets());
    if (unchanged) return Effect().reply(update.replyTo(), found(state));
    // a name or admin state is nothing the datapaths implement (yet): only the MTU and subnets are pushed
    boolean forDatapaths = updated.mtu() != view.mtu() || !updated.subnets().equals(view.subnets());
    Set<String> before = state.hosts();
    return Effect().persist(updated).thenRun(after -> {
      if (forDatapaths) publish(before, after);
    }).thenReply(update.replyTo(), this::found);
  }

  /** Tags are the clients': datapaths are not told about them. */
  private static List<Subnet> untagged(List<Subnet> subnets) {
    if (subnets.stream().allMatch(subnet -> subnet.tags().isEmpty())) return subnets;
    return subnets.stream().map(subnet -> subnet.withTags(List.of())).toList();
  }

  private static List<Subnet> withTagsOf(List<Subnet> current, List<Subnet> next) {
    Map<String, List<String>> tags = new LinkedHashMap<>();
    current.forEach(subnet -> tags.put(subnet.id(), subnet.tags()));
    return next.stream().map(subnet -> subnet.withTags(tags.getOrDefault(subnet.id(), List.of()))).toList();
  }

  private ReplyEffect<Event, State> onChangeTags(State state, ChangeTags change) {
    if (state.view() == null) return Effect().reply(change.replyTo(), found(state));
    List<String> current = state.view().tags();
    if (change.subnetId() != null) {
      Subnet subnet = state.view().subnets().stream().filter(s -> s.id().equals(change.subnetId())).findFirst().orElse(null);
      if (subnet == null) return Effect().reply(change.replyTo(), Outcome.rejected(Problem.notFound("subnet", change.subnetId())));
      current = subnet.tags();
    }
    Outcome<List<String>> next = Tags.changed(current, change.change());
    if (next instanceof Outcome.Rejected<List<String>> refused) return Effect().reply(change.replyTo(), Outcome.rejected(refused.problem()));
    List<String> tags = ((Outcome.Ok<List<String>>) next).value();
    if (tags.equals(current)) return Effect().reply(change.replyTo(), found(state));
    return Effect().persist(new TagsSet(change.subnetId(), tags, Timestamps.now(), change.origin())).thenReply(change.replyTo(), this::found);
  }

  private ReplyEffect<Event, State> onDelete(State state, Delete delete) {
    if (state.view() == null) return Effect().reply(delete.replyTo(), found(state));
    if (!state.ports().isEmpty()) {
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.NETWORK_HAS_PORTS,
          "network " + networkId + " still has " + state.ports().size() + " port(s); delete them first")));
    }
    if (state.view().l2Gateway() != null) {
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.IN_USE,
          "network " + networkId + " is bridged to a VLAN by layer-2 gateway " + state.view().l2Gateway().id() + "; delete that first")));
    }
    return Effect().persist(new NetworkDeleted(Timestamps.now(), delete.origin())).thenRun(this::returnVni).thenReply(delete.replyTo(), s -> found(state));
  }

  private ReplyEffect<Event, State> onBridge(State state, Bridge bridge) {
    if (state.view() == null) return Effect().reply(bridge.replyTo(), found(state));
    if (state.view().external()) {
      return Effect().reply(bridge.replyTo(), Outcome.rejected(new Problem(ProblemCode.EXTERNAL_NETWORK,
          "network " + networkId + " is an external network: it is on its physical network already", "network_id")));
    }
    if (Objects.equals(state.view().l2Gateway(), bridge.bridge())) return Effect().reply(bridge.replyTo(), found(state));
    Set<String> before = state.hosts(); // hosts the gateway leaves must learn that they carry it no more
    return Effect().persist(new NetworkBridged(bridge.bridge(), Timestamps.now(), bridge.origin())).thenRun(after -> {
      publish(before, after);
      returnL2Claim(after);
    }).thenReply(bridge.replyTo(), this::found);
  }

  private ReplyEffect<Event, State> onTakeOverBridge(State state, TakeOverBridge takeOver) {
    L2Bridge bridge = state.view() == null ? null : state.view().l2Gateway();
    if (bridge == null || !bridge.hasHost(takeOver.datapathId()) || bridge.rankedHosts().get(0).datapathId().equals(takeOver.datapathId())) {
      return Effect().noReply();
    }
    Set<String> before = state.hosts();
    return Effect().persist(new BridgeTakenOver(takeOver.datapathId(), Timestamps.now())).thenRun(after -> publish(before, after)).thenNoReply();
  }

  private ReplyEffect<Event, State> onReserve(State state, ReserveAddresses reserve) {
    // an external network is the operator's: routers' gateways and floating IPs of every tenant take addresses on it
    boolean mayReserve = state.view() != null && (state.view().tenantId().equals(reserve.tenantId())
        || state.view().external() && reserve.spec().belongsOnExternalNetwork());
    if (!mayReserve) {
      return Effect().reply(reserve.replyTo(), Outcome.rejected(new Problem(ProblemCode.NOT_FOUND, "network " + networkId + " does not exist", "network_id")));
    }
    AddressReservation existing = state.ports().get(reserve.portId());
    if (existing != null) return Effect().reply(reserve.replyTo(), Outcome.ok(existing));
    Outcome<AddressReservation> decided = PortAddressing.reserve(reserve.portId(), reserve.spec(), state.view().subnets(), state.usedIps(), state.usedMacs());
    if (decided instanceof Outcome.Ok<AddressReservation> ok) {
      // pushed although an unplugged port adds no flow: the datapaths' confirmations are what tell the port is realized
      Set<String> before = state.hosts();
      String routerId = reserve.spec().isRouterInterface() ? reserve.spec().deviceId() : null;
      return Effect().persist(new AddressesReserved(ok.value(), reserve.spec().portSecurityEnabled(), reserve.origin(), routerId,
              reserve.spec().allowedAddressPairs(), reserve.spec().securityGroupIds())).thenRun(after -> publish(before, after))
          .thenReply(reserve.replyTo(), s -> decided);
    }
    return Effect().reply(reserve.replyTo(), decided);
  }

  private ReplyEffect<Event, State> onRelease(State state, ReleaseAddresses release) {
    if (!state.ports().containsKey(release.portId())) return Effect().reply(release.replyTo(), Outcome.ok(release.portId()));
    Set<String> before = state.hosts();
    return Effect().persist(new AddressesReleased(release.portId(), release.origin())).thenRun(after -> publish(before, after)).thenReply(release.replyTo(), s -> Outcome.ok(release.portId()));
  }

  private ReplyEffect<Event, State> onBindMember(State state, BindMember bind) {
    Outcome<String> member = member(state, bind.portId());
    if (member instanceof Outcome.Rejected<String> || bind.binding().equals(state.bindings().get(bind.portId()))) {
      return Effect().reply(bind.replyTo(), member);
    }
    Set<String> before = state.hosts(); // a moved port's old datapath must learn that it left
    return Effect().persist(new MemberBound(bind.portId(), bind.binding())).thenRun(after -> publish(before, after))
        .thenReply(bind.replyTo(), s -> member);
  }

  private ReplyEffect<Event, State> onUnbindMember(State state, UnbindMember unbind) {
    PortBinding current = state.bindings().get(unbind.portId());
    // an unplug reported by a datapath the port has already left must not unbind it from its new one
    if (current == null || !current.datapathId().equals(unbind.datapathId())) return Effect().reply(unbind.replyTo(), Outcome.ok(unbind.portId()));
    Set<String> before = state.hosts();
    return Effect().persist(new MemberUnbound(unbind.portId(), unbind.datapathId())).thenRun(after -> publish(before, after))
        .thenReply(unbind.replyTo(), s -> Outcome.ok(unbind.portId()));
  }

  private ReplyEffect<Event, State> onSetMemberSecurity(State state, SetMemberSecurity set) {
    Outcome<String> member = member(state, set.portId());
    boolean same = state.portSecurityEnabled(set.portId()) == set.enabled()
        && state.addressPairs().getOrDefault(set.portId(), List.of()).equals(set.allowedAddressPairs())
        && state.memberGroups().getOrDefault(set.portId(), List.of()).equals(set.securityGroupIds());
    if (member instanceof Outcome.Rejected<String> || same) {
      return Effect().reply(set.replyTo(), member);
    }
    Set<String> before = state.hosts();
    return Effect().persist(new MemberSecurityChanged(set.portId(), set.enabled(), set.allowedAddressPairs(), set.securityGroupIds()))
        .thenRun(after -> publish(before, after))
        .thenReply(set.replyTo(), s -> member);
  }

  private Outcome<String> member(State state, String portId) {
    if (state.view() == null) return Outcome.rejected(Problem.notFound("network", networkId));
    if (!state.ports().containsKey(portId)) return Outcome.rejected(Problem.notFound("port", portId));
    return Outcome.ok(portId);
  }

  /** The view as of the last persisted event, whose sequence number is its version. */
  private NetworkDataplane dataplaneOf(State state) {
    long version = lastSequenceNumber(context);
    if (state == derivedFrom && derived.version() == version) return derived;
    derived = derive(state, version);
    derivedFrom = state;
    return derived;
  }

  private NetworkDataplane derive(State state, long version) {
    NetworkView view = state.view();
    List<DataplaneMember> members = state.ports().keySet().stream().sorted().map(portId -> {
      AddressReservation addresses = state.ports().get(portId);
      return new DataplaneMember(portId, addresses.macAddress(), addresses.fixedIps().stream().map(FixedIp::ipAddress).toList(),
          state.portSecurityEnabled(portId), state.bindings().get(portId), state.routerPorts().get(portId), state.addressPairs().getOrDefault(portId, List.of()),
          state.memberGroups().getOrDefault(portId, List.of()));
    }).toList();
    return new NetworkDataplane(networkId, view.vni(), view.mtu(), untagged(view.subnets()), members, version, view.l2Gateway());
  }

  /**
   * Sends the view to every datapath hosting a member or the layer-2 gateway now and every one
   * that did before the event (so a hypervisor whose last member left, or a moved port's old host,
   * learns it), and to the datapaths routing to this network. At most once: a datapath that misses it pulls
   * with {@link GetDataplane}.
   */
  private void publish(Set<String> before, State after) {
    if (after.view() == null) return;
    NetworkDataplane view = dataplaneOf(after);
    Set<String> targets = new TreeSet<>(before);
    targets.addAll(after.hosts()); // members' datapaths and the layer-2 gateway's hosts
    targets.addAll(watchers.hostnames().keySet());
    for (String datapathId : targets) {
      try {
        dataplane.publish(datapathId, view);
      } catch (RuntimeException e) {
        // a sink failing for one datapath must neither stop the others nor the network
        context.getLog().warn("network {}: publishing version {} to datapath {} failed", networkId, view.version(), datapathId, e);
      }
    }
  }

  /** The view with its realization as of now. */
  private Outcome<NetworkView> found(State state) {
    if (state.view() == null) return Outcome.rejected(Problem.notFound("network", networkId));
    return Outcome.ok(state.view().withRealization(ledger.realizationOf(desiredVersion(state), state.hostnames())));
  }

  private Realization portRealization(State state, String portId) {
    Long version = state.memberVersions().get(portId);
    return ledger.realizationOf(version == null ? desiredVersion(state) : version, state.hostnames());
  }

  /** Before versions were recorded (an old snapshot), the newest sequence number stands in: datapaths confirm it on their next pull. */
  private long desiredVersion(State state) {
    return state.dataplaneVersion() == null ? lastSequenceNumber(context) : state.dataplaneVersion();
  }

  /** {@code next} marked as changed for the datapaths at event {@code sequenceNr}: the network and, when {@code portId} is given, the member. */
  private static State dataplaneChanged(State next, String portId, long sequenceNr) {
    Map<String, Long> members = new LinkedHashMap<>(next.memberVersions());
    if (portId != null) members.put(portId, sequenceNr);
    members.keySet().retainAll(next.ports().keySet());
    return next.withVersions(sequenceNr, members);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> evolve(state, event, lastSequenceNumber(context)));
  }

  /**
   * The state after {@code event}, the {@code sequenceNr}-th of the journal: pure, so the history
   * replays a journal through exactly what the entity does.
   */
  public static State evolve(State state, Event event, long sequenceNr) {
    if (event instanceof NetworkCreated e) {
      return dataplaneChanged(new State(
          new NetworkView(e.networkId(), e.tenantId(), e.spec().name(), e.vni(), e.spec().mtu(), e.spec().adminStateUp(), e.spec().subnets(), e.at(), e.at(), 1, null,
              e.spec().external(), e.spec().provider()),
          e.spec(), state.ports(), false, null, state.bindings(), state.portSecurity(), null, Map.of(), state.routerPorts(), state.addressPairs(),
          state.memberGroups(), null), null, sequenceNr);
    } else if (event instanceof NetworkUpdated e) {
      NetworkView v = state.view();
      State next = new State(new NetworkView(v.id(), v.tenantId(), e.name(), v.vni(), e.mtu(), e.adminStateUp(), e.subnets(), v.createdAt(), e.at(), v.revision() + 1, null,
          v.external(), v.provider(), v.l2Gateway(), v.tags()),
          state.requested(), state.ports(), false, null, state.bindings(), state.portSecurity(), state.dataplaneVersion(), state.memberVersions(),
          state.routerPorts(), state.addressPairs(), state.memberGroups(), state.claimToRelease());
      // the same test as onUpdate's: only the MTU and subnets reach the datapaths
      return e.mtu() != v.mtu() || !e.subnets().equals(v.subnets()) ? dataplaneChanged(next, null, sequenceNr) : next;
    } else if (event instanceof AddressesReserved e) {
      Map<String, AddressReservation> ports = new LinkedHashMap<>(state.ports());
      ports.put(e.reservation().portId(), e.reservation());
      Map<String, Boolean> security = new LinkedHashMap<>(state.portSecurity());
      security.put(e.reservation().portId(), e.portSecurityEnabled());
      Map<String, String> routerPorts = new LinkedHashMap<>(state.routerPorts());
      if (e.routerId() != null) routerPorts.put(e.reservation().portId(), e.routerId());
      State next = state.withMembers(ports, state.bindings(), security, routerPorts)
          .withAddressPairs(withPairs(state.addressPairs(), e.reservation().portId(), e.allowedAddressPairs()))
          .withMemberGroups(withPairs(state.memberGroups(), e.reservation().portId(), e.securityGroupIds()));
      return dataplaneChanged(next, e.reservation().portId(), sequenceNr);
    } else if (event instanceof AddressesReleased e) {
      Map<String, AddressReservation> ports = new LinkedHashMap<>(state.ports());
      ports.remove(e.portId());
      Map<String, PortBinding> bindings = new LinkedHashMap<>(state.bindings());
      bindings.remove(e.portId());
      Map<String, Boolean> security = new LinkedHashMap<>(state.portSecurity());
      security.remove(e.portId());
      Map<String, String> routerPorts = new LinkedHashMap<>(state.routerPorts());
      routerPorts.remove(e.portId());
      State next = state.withMembers(ports, bindings, security, routerPorts).withAddressPairs(withPairs(state.addressPairs(), e.portId(), List.of()))
          .withMemberGroups(withPairs(state.memberGroups(), e.portId(), List.of()));
      return dataplaneChanged(next, null, sequenceNr);
    } else if (event instanceof MemberBound e) {
      Map<String, PortBinding> bindings = new LinkedHashMap<>(state.bindings());
      bindings.put(e.portId(), e.binding());
      return dataplaneChanged(state.withMembers(state.ports(), bindings, state.portSecurity()), e.portId(), sequenceNr);
    } else if (event instanceof MemberUnbound e) {
      Map<String, PortBinding> bindings = new LinkedHashMap<>(state.bindings());
      bindings.remove(e.portId());
      return dataplaneChanged(state.withMembers(state.ports(), bindings, state.portSecurity()), e.portId(), sequenceNr);
    } else if (event instanceof MemberSecurityChanged e) {
      Map<String, Boolean> security = new LinkedHashMap<>(state.portSecurity());
      security.put(e.portId(), e.enabled());
      State next = state.withMembers(state.ports(), state.bindings(), security).withAddressPairs(withPairs(state.addressPairs(), e.portId(), e.allowedAddressPairs()));
      if (e.securityGroupIds() != null) next = next.withMemberGroups(withPairs(state.memberGroups(), e.portId(), e.securityGroupIds()));
      return dataplaneChanged(next, e.portId(), sequenceNr);
    } else if (event instanceof NetworkBridged e) {
      State bridged = withView(state, state.view().withL2Gateway(e.bridge(), e.at()));
      // a removed gateway's VLAN claim is handed back to the registry by this entity, retried until confirmed
      L2Bridge before = state.view().l2Gateway();
      if (e.bridge() == null && before != null) bridged = withClaimToRelease(bridged, before.id());
      return dataplaneChanged(bridged, null, sequenceNr);
    } else if (event instanceof BridgeTakenOver e) {
      return dataplaneChanged(withView(state, state.view().withL2Gateway(state.view().l2Gateway().withActive(e.datapathId()), e.at())), null, sequenceNr);
    } else if (event instanceof TagsSet e) {
      NetworkView v = state.view();
      return withView(state, e.subnetId() == null ? v.withTags(e.tags(), e.at())
          : v.withSubnets(v.subnets().stream().map(s -> s.id().equals(e.subnetId()) ? s.withTags(e.tags()) : s).toList(), e.at()));
    } else if (event instanceof NetworkDeleted) {
      return new State(null, null, Map.of(), true, state.view().vni(), Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of(), state.claimToRelease());
    } else if (event instanceof VniReturned) {
      return new State(null, null, Map.of(), true, null, Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of(), state.claimToRelease());
    } else if (event instanceof L2ClaimReturned) {
      return withClaimToRelease(state, null);
    }
    throw new IllegalArgumentException("unknown network event " + event.getClass().getName());
  }

  private static State withView(State state, NetworkView view) {
    return new State(view, state.requested(), state.ports(), state.deleted(), state.vniToReturn(), state.bindings(), state.portSecurity(),
        state.dataplaneVersion(), state.memberVersions(), state.routerPorts(), state.addressPairs(), state.memberGroups(), state.claimToRelease());
  }

  private static State withClaimToRelease(State state, String claim) {
    return new State(state.view(), state.requested(), state.ports(), state.deleted(), state.vniToReturn(), state.bindings(), state.portSecurity(),
        state.dataplaneVersion(), state.memberVersions(), state.routerPorts(), state.addressPairs(), state.memberGroups(), claim);
  }

  /** {@code perPort} with the port's list replaced (an empty list: removed). */
  private static <T> Map<String, List<T>> withPairs(Map<String, List<T>> perPort, String portId, List<T> portPairs) {
    Map<String, List<T>> next = new LinkedHashMap<>(perPort);
    if (portPairs.isEmpty()) next.remove(portId);
    else next.put(portId, portPairs);
    return next;
  }
}
