package io.tenet.switches.datapath;

import io.tenet.persistence.TenetSerializable;
import io.tenet.switches.compile.BridgeHostPlan;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.NetworkFootprint;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.edge.ArpFrame;
import io.tenet.switches.edge.BridgeAnnouncement;
import io.tenet.switches.edge.GatewayAnnouncement;
import io.tenet.switches.edge.NeighborResolver;
import io.tenet.switches.openflow.OpenFlowErrorException;
import io.tenet.switches.openflow.SwitchConnection;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.switches.ovsdb.PeerTunnel;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Table;
import io.tenet.switches.reconcile.DesiredTables;
import io.tenet.switches.reconcile.InstalledTables;
import io.tenet.switches.reconcile.SwitchTables;
import io.tenet.switches.reconcile.TableChanges;
import io.tenet.switches.reconcile.TableDiff;
import io.tenet.switches.reconcile.TableRepair;
import io.tenet.switches.reconcile.TableScope;
import io.tenet.switches.trace.DatapathTraces;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.TraceAnswer;
import io.tenet.topology.dataplane.DatapathStatus;
import io.tenet.topology.dataplane.ReconcileResult;
import io.tenet.topology.dataplane.RepairCount;
import io.tenet.topology.dataplane.RepairOutcome;
import io.tenet.topology.dataplane.RepairReport;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.metrics.NodeMetrics;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.port.PortEntity;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.saga.SagaStep;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
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
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.slf4j.event.Level;

/**
 * One Open vSwitch integration bridge, keyed by its datapath id. It persists only what must
 * outlive every process: the hypervisor's name and tunnel endpoint, and the OpenFlow term (the
 * generation id of its mastership, which OVS forgets when it restarts). Everything else is
 * rebuilt on start from the switch itself: the bindings OVSDB reports, each port's network
 * (asked of the Port entity, which records the binding), the networks' data-plane views, and the
 * installed tables (read with flow-stats and group-desc).
 *
 * <p>Reconciliation: the compiler's desired tables are diffed against the installed ones and only
 * the difference is sent, confirmed by a barrier. Until every plugged port and served network is
 * known, only what the switch lacks is added (nothing removed, nothing present rewritten), so a
 * restarted controller never takes away flows that are right.
 * Once the switch is known to hold exactly what was compiled, a change recompiles and diffs only
 * the networks it touched ({@link DesiredTables}), so its cost does not grow with the datapath.
 */
public final class DatapathEntity extends EventSourcedBehaviorWithEnforcedReplies<DatapathEntity.Command, DatapathEntity.Event, DatapathEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Datapath");
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  static final Duration TICK = Duration.ofMillis(500);
  /**
   * Every verification counts the switch's flows (one small aggregate-stats reply) and reads the
   * tables only when the count differs; every this many, it reads and compares them whole, which
   * also finds a flow changed in place and a group gone.
   */
  static final int FULL_VERIFY_EVERY = 10;
  /** Every this many ticks, served networks are asked for their view again (a view sent to us may have been lost). */
  static final int ANTI_ENTROPY_TICKS = 20;

  public sealed interface Command extends TenetSerializable {}

  /** Starts the entity where sharding places it (it then attaches to that node's switches); answered, so that a lost one is sent again ({@link Wakeups}). */
  public record Wake(ActorRef<Done> replyTo) implements Command {}

  public record NetworkChanged(NetworkDataplane view) implements Command {}

  /** A router this datapath routes for changed (pushed by the router entity to the datapaths that asked). */
  public record RouterChanged(RouterDataplane view) implements Command {}

  /** A security group this datapath enforces changed (pushed by the group's entity to the datapaths that asked). */
  public record SecurityGroupChanged(SecurityGroupDataplane view) implements Command {}

  public record GetStatus(ActorRef<DatapathStatus> replyTo) implements Command {}

  /** Traces a packet from a local port through the pipeline this datapath compiles (see {@link DatapathTraces}). */
  public record TraceFromPort(TraceRequest request, ActorRef<TraceAnswer> replyTo) implements Command {}

  /** Continues a trace with a copy another datapath sent into the tunnel toward this one. */
  public record TraceFromTunnel(Packet packet, ActorRef<TraceAnswer> replyTo) implements Command {}

  /** Reads the switch's tables and corrects whatever differs from the compiled ones; answers what it changed. */
  public record RepairDatapath(ActorRef<RepairReport> replyTo) implements Command {}

  /** As {@link RepairDatapath}, for one network's flows and groups only (see {@link NetworkFootprint}). */
  public record RepairNetwork(String networkId, ActorRef<RepairReport> replyTo) implements Command {}

  /** This datapath carries (or no longer carries) the router's external gateway; answered once recorded. */
  public record HostGateway(String routerId, boolean hosting, ActorRef<Done> replyTo) implements Command {}

  /** This datapath carries (or no longer carries) the network's layer-2 gateway; answered once recorded. */
  public record HostBridge(String networkId, boolean hosting, ActorRef<Done> replyTo) implements Command {}

  // From this node's LocalSwitches only: they carry live connections and never cross nodes.
  record OpenFlowUp(SwitchConnection connection) implements Command {}

  record OpenFlowDown(SwitchConnection connection) implements Command {}

  record RoleLost(SwitchConnection connection, long generation) implements Command {}

  record PacketIn(SwitchConnection connection, OFPacketIn packet) implements Command {}

  record HypervisorReported(HypervisorReport report) implements Command {}

  // Answers to our own requests.
  record MasterAnswered(SwitchConnection connection, long term, Throwable failure) implements Command {}

  record GenerationLearned(SwitchConnection connection, long generation) implements Command {}

  record TablesRead(SwitchConnection connection, SwitchTables tables, Throwable failure) implements Command {}

  /** {@code heldAfter}: the desired tables the switch holds exactly once the batch is in, or null when it may hold more. */
  record ChangesApplied(SwitchConnection connection, DesiredTables heldAfter, TableChanges changes, long startedNanos, Throwable failure) implements Command {}

  record FlowsCounted(SwitchConnection connection, long count, Throwable failure) implements Command {}

  record RepairRead(SwitchConnection connection, PendingRepair repair, SwitchTables tables, Throwable failure) implements Command {}

  record RepairApplied(SwitchConnection connection, PendingRepair repair, TableScope scope, SwitchTables result, RepairCount changed, Throwable failure)
      implements Command {}

  /** The first reconcile of {@code term} has converged, having changed {@code changed}: to be journaled. */
  record ReconcileFinished(long term, RepairCount changed) implements Command {}

  record BindAnswered(String portId, InterfaceBinding binding, Outcome<String> outcome) implements Command {}

  record UnbindAnswered(String portId, Outcome<String> outcome) implements Command {}

  record NetworkAnswered(String networkId, boolean watching, Outcome<NetworkDataplane> outcome) implements Command {}

  record RouterAnswered(String routerId, Outcome<RouterDataplane> outcome) implements Command {}

  record SecurityGroupAnswered(String groupId, Outcome<SecurityGroupDataplane> outcome) implements Command {}

  /** The directory answered (or the ask failed: {@code ok} false, tried again on a later tick). */
  record Registered(boolean ok) implements Command {}

  enum Tick implements Command { INSTANCE }

  /** A whole diff put off by {@link FullDiffPacing} is due. */
  enum FullDiffDue implements Command { INSTANCE }

  /** Time to compare the switch's tables with what they should be (drift: a hand edit, a restart, a bug). */
  enum Verify implements Command { INSTANCE }

  /** A repair asked for ({@code replyTo}) or due ({@code replyTo} null: the periodic verification); {@code networkId} null: the whole datapath. */
  record PendingRepair(String networkId, ActorRef<RepairReport> replyTo) {
    String scopeName() {
      return networkId == null ? RepairReport.WHOLE_DATAPATH : RepairReport.networkScope(networkId);
    }
  }

  public sealed interface Event extends TenetSerializable {}

  public record DatapathSeen(String hostname, String encapIp) implements Event {}

  /** A new mastership term: the generation id of the next MASTER request. */
  public record TermBegun(long term) implements Event {}

  /** A repair found the switch's tables differing from the compiled ones within {@code scope} and corrected them. */
  public record TablesRepaired(String scope, RepairCount changed, boolean requested) implements Event {}

  /** The first reconcile of a mastership term is done: what it had to change on the switch (nothing, after a failover that lost no flow). */
  public record TablesReconciled(long term, RepairCount changed) implements Event {}

  /** The datapath carries the router's external gateway; its address translations live in conntrack zone {@code natZone} here. */
  public record GatewayHosted(String routerId, int natZone) implements Event {}

  public record GatewayReleased(String routerId) implements Event {}

  /** The datapath carries the network's layer-2 gateway. */
  public record BridgeHosted(String networkId) implements Event {}

  public record BridgeReleased(String networkId) implements Event {}

  /**
   * {@code gatewayZones}: the routers whose gateway this datapath carries, with their NAT zone (null
   * in snapshots from before gateways); {@code bridgedNetworks}: the networks whose layer-2 gateway
   * it carries (null in snapshots from before those).
   */
  public record State(String hostname, String encapIp, long term, Map<String, Integer> gatewayZones, Set<String> bridgedNetworks) implements TenetSerializable {
    /** Gateways' zones sit above the OpenFlow port numbers that name the security-group zones of VM ports. */
    static final int FIRST_NAT_ZONE = 0xf000;

    public State {
      gatewayZones = gatewayZones == null ? Map.of() : Map.copyOf(gatewayZones);
      bridgedNetworks = bridgedNetworks == null ? Set.of() : Set.copyOf(bridgedNetworks);
    }

    State(String hostname, String encapIp, long term) {
      this(hostname, encapIp, term, Map.of(), Set.of());
    }

    State seen(String nextHostname, String nextEncapIp) {
      return new State(nextHostname, nextEncapIp, term, gatewayZones, bridgedNetworks);
    }

    State inTerm(long nextTerm) {
      return new State(hostname, encapIp, nextTerm, gatewayZones, bridgedNetworks);
    }

    State withGateway(String routerId, Integer natZone) {
      Map<String, Integer> zones = new TreeMap<>(gatewayZones);
      if (natZone == null) zones.remove(routerId);
      else zones.put(routerId, natZone);
      return new State(hostname, encapIp, term, zones, bridgedNetworks);
    }

    State withBridge(String networkId, boolean hosting) {
      Set<String> bridged = new TreeSet<>(bridgedNetworks);
      if (hosting) bridged.add(networkId);
      else bridged.remove(networkId);
      return new State(hostname, encapIp, term, gatewayZones, bridged);
    }

    /** The lowest zone no hosted gateway uses. */
    int freeNatZone() {
      int zone = FIRST_NAT_ZONE;
      while (gatewayZones.containsValue(zone)) zone++;
      if (zone > 0xffff) throw new IllegalStateException("every NAT zone of this datapath is in use");
      return zone;
    }
  }

  private final String datapathId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final LocalSwitches localSwitches;
  private final Function<String, RecipientRef<PortEntity.Command>> ports;
  private final Function<String, RecipientRef<NetworkEntity.Command>> networks;
  private final Function<String, RecipientRef<RouterEntity.Command>> routers;
  private final Function<String, RecipientRef<SecurityGroupEntity.Command>> securityGroups;
  private final Supplier<RecipientRef<DatapathDirectory.Command>> directory;
  private final PacketHandler packets;
  private final Duration verifyInterval;

  // What this incarnation has learned; rebuilt after every restart, never persisted.
  private HypervisorReport hypervisor;
  private DatapathKnowledge knowledge;
  private final Set<String> bindsInFlight = new HashSet<>();
  private final Set<String> unbindsToSend = new HashSet<>();
  private final Set<String> networkFetchesInFlight = new HashSet<>();
  private final Set<String> routerFetchesInFlight = new HashSet<>();
  private final Set<String> groupFetchesInFlight = new HashSet<>();
  // The routers of served networks, the networks they reach without a local port, the security groups enforced here
  private final WatchedEntities watchedRouters;
  private final WatchedEntities watchedNetworks;
  private final WatchedEntities watchedGroups;
  private SwitchConnection connection;
  private boolean master;
  private boolean readingTables;
  private InstalledTables installed;
  // The last compiled desired tables, and those the switch is known to hold exactly (null: unknown,
  // e.g. right after reading it): from the latter only the networks that changed are diffed.
  private DesiredTables desired = DesiredTables.NONE;
  private DesiredTables held;
  private boolean applying;
  private final FullDiffPacing fullDiffs = new FullDiffPacing(FullDiffPacing.SPACING);
  private boolean converged;
  private final DirectoryRegistration registration = new DirectoryRegistration();
  private long ticks;
  // The last comparison of desired and installed tables that sent something or found the switch right, for operators.
  private Instant lastReconcileAt;
  private ReconcileResult lastReconcileResult;
  private boolean reconcileUnreported;
  private final ArrayDeque<PendingRepair> repairsWaiting = new ArrayDeque<>();
  private PendingRepair repairing;
  private final RealizationReporter realization;
  private final NeighborResolver neighbors = new NeighborResolver();
  private final GatewayFailover failover = new GatewayFailover();
  /** What the reconciles of this mastership changed until the first convergence, and whether that was journaled. */
  private RepairCount changedThisTerm = RepairCount.NONE;
  private boolean termReconcileJournaled;
  private long verifications;

  /**
   * {@code packets} answers a packet the flows sent to the controller, given the datapath's current view (see {@link PacketHandler});
   * every {@code verifyInterval} (zero: never) the installed tables are read back and any drift corrected.
   */
  public static Behavior<Command> create(String datapathId, LocalSwitches localSwitches, Function<String, RecipientRef<PortEntity.Command>> ports,
      Function<String, RecipientRef<NetworkEntity.Command>> networks, Function<String, RecipientRef<RouterEntity.Command>> routers,
      Function<String, RecipientRef<SecurityGroupEntity.Command>> securityGroups, Supplier<RecipientRef<DatapathDirectory.Command>> directory,
      PacketHandler packets, Duration verifyInterval) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context ->
        new DatapathEntity(datapathId, context, timers, localSwitches, ports, networks, routers, securityGroups, directory, packets, verifyInterval)));
  }

  private DatapathEntity(String datapathId, ActorContext<Command> context, TimerScheduler<Command> timers, LocalSwitches localSwitches,
      Function<String, RecipientRef<PortEntity.Command>> ports, Function<String, RecipientRef<NetworkEntity.Command>> networks,
      Function<String, RecipientRef<RouterEntity.Command>> routers, Function<String, RecipientRef<SecurityGroupEntity.Command>> securityGroups,
      Supplier<RecipientRef<DatapathDirectory.Command>> directory, PacketHandler packets, Duration verifyInterval) {
    super(PersistenceId.of(ENTITY_KEY.name(), datapathId));
    this.datapathId = datapathId;
    this.knowledge = DatapathKnowledge.empty(datapathId);
    this.context = context;
    this.timers = timers;
    this.localSwitches = localSwitches;
    this.ports = ports;
    this.networks = networks;
    this.routers = routers;
    this.securityGroups = securityGroups;
    this.watchedRouters = new WatchedEntities(this::fetchRouter, id -> routers.apply(id).tell(new RouterEntity.StopWatching(datapathId)));
    this.watchedNetworks = new WatchedEntities(id -> fetchNetwork(id, true), id -> networks.apply(id).tell(new NetworkEntity.StopWatching(datapathId)));
    this.watchedGroups = new WatchedEntities(this::fetchGroup, id -> securityGroups.apply(id).tell(new SecurityGroupEntity.StopWatching(datapathId)));
    this.realization = new RealizationReporter(datapathId, networks, routers, securityGroups);
    this.directory = directory;
    this.packets = packets;
    this.verifyInterval = verifyInterval;
  }

  @Override
  public State emptyState() {
    return new State(null, null, 0);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          // the moment this node became the journal's writer: failover tests compare it with the old node's stop
          context.getLog().info("datapath {}: started on this node, last term {}", datapathId, state.term());
          knowledge = knowledge.withGateways(state.gatewayZones()).withBridges(state.bridgedNetworks());
          timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
          if (!verifyInterval.isZero()) timers.startTimerWithFixedDelay(Verify.INSTANCE, verifyInterval);
          localSwitches.attach(datapathId, context.getSelf());
        })
        .onSignal(PostStop.instance(), state -> localSwitches.detach(datapathId, context.getSelf()))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Wake.class, (state, wake) -> Effect().reply(wake.replyTo(), Done.getInstance()))
        .onCommand(GetStatus.class, (state, get) -> Effect().reply(get.replyTo(), status(state)))
        .onCommand(TraceFromPort.class, (state, trace) ->
            Effect().reply(trace.replyTo(), DatapathTraces.fromPort(state.hostname(), traceView(), knowledge.networks(), trace.request())))
        .onCommand(TraceFromTunnel.class, (state, trace) -> Effect().reply(trace.replyTo(), DatapathTraces.fromTunnel(state.hostname(), traceView(), trace.packet())))
        .onCommand(NetworkChanged.class, (state, changed) -> {
          knowledge = knowledge.withNetwork(changed.view());
          return reconcile(state);
        })
        .onCommand(RouterChanged.class, (state, changed) -> {
          knowledge = knowledge.withRouter(changed.view());
          return reconcile(state);
        })
        .onCommand(RouterAnswered.class, this::onRouterAnswered)
        .onCommand(SecurityGroupChanged.class, (state, changed) -> {
          knowledge = knowledge.withGroup(changed.view());
          return reconcile(state);
        })
        .onCommand(SecurityGroupAnswered.class, this::onSecurityGroupAnswered)
        .onCommand(HypervisorReported.class, this::onHypervisorReported)
        .onCommand(OpenFlowUp.class, this::onOpenFlowUp)
        .onCommand(OpenFlowDown.class, (state, down) -> {
          if (down.connection() == connection) forgetConnection("the switch's OpenFlow connection to the controller closed");
          return Effect().noReply();
        })
        .onCommand(RoleLost.class, (state, lost) -> {
          if (lost.connection() == connection) {
            // another node became master with a newer term: this one must not write any more
            context.getLog().warn("datapath {}: demoted, another controller is master with generation {}", datapathId, lost.generation());
            master = false;
            forgetInstalled();
          }
          return Effect().noReply();
        })
        .onCommand(MasterAnswered.class, this::onMasterAnswered)
        .onCommand(GenerationLearned.class, (state, learned) -> {
          if (learned.connection() != connection) return Effect().noReply();
          long next = Math.max(state.term(), learned.generation()) + 1;
          return Effect().persist(new TermBegun(next)).thenRun(s -> requestMaster(learned.connection(), s.term())).thenNoReply();
        })
        .onCommand(TablesRead.class, (state, read) -> {
          if (read.connection() != connection) return Effect().noReply();
          readingTables = false;
          if (read.failure() != null) {
            context.getLog().warn("datapath {}: reading the installed tables failed ({}); retrying", datapathId, read.failure().toString());
            return Effect().noReply();
          }
          installed = InstalledTables.of(read.tables());
          held = null;
          reconcileUnreported = true;
          context.getLog().info("datapath {}: master with term {}; {} flows and {} groups installed", datapathId, state.term(),
              installed.flowCount(), installed.groupCount());
          return reconcile(state);
        })
        .onCommand(ChangesApplied.class, this::onChangesApplied)
        .onCommand(BindAnswered.class, this::onBindAnswered)
        .onCommand(UnbindAnswered.class, (state, answered) -> {
          if (!(answered.outcome() instanceof Outcome.Ok<String>) && !knowledge.plugged().containsKey(answered.portId())) {
            unbindsToSend.add(answered.portId()); // retried on the next tick
          }
          return Effect().noReply();
        })
        .onCommand(NetworkAnswered.class, this::onNetworkAnswered)
        .onCommand(PacketIn.class, (state, in) -> {
          if (in.connection() == connection && master && hypervisor != null) {
            if (fromExternalNetwork(in)) return reconcile(state);
            packets.handle(in.packet(), traceView(), knowledge.networks(), in.connection());
          }
          return Effect().noReply();
        })
        .onCommand(Registered.class, (state, answered) -> {
          registration.answered(answered.ok());
          return Effect().noReply();
        })
        .onCommand(Tick.class, this::onTick)
        .onCommand(FullDiffDue.class, (state, due) -> reconcile(state))
        .onCommand(Verify.class, this::onVerify)
        .onCommand(FlowsCounted.class, this::onFlowsCounted)
        .onCommand(HostGateway.class, this::onHostGateway)
        .onCommand(HostBridge.class, this::onHostBridge)
        .onCommand(RepairDatapath.class, (state, repair) -> requestRepair(state, new PendingRepair(null, repair.replyTo())))
        .onCommand(RepairNetwork.class, (state, repair) -> requestRepair(state, new PendingRepair(repair.networkId(), repair.replyTo())))
        .onCommand(ReconcileFinished.class, (state, finished) -> Effect().persist(new TablesReconciled(finished.term(), finished.changed())).thenNoReply())
        .onCommand(RepairRead.class, this::onRepairRead)
        .onCommand(RepairApplied.class, this::onRepairApplied)
        .build();
  }

  private ReplyEffect<Event, State> onHostGateway(State state, HostGateway host) {
    boolean hosted = state.gatewayZones().containsKey(host.routerId());
    if (host.hosting() == hosted) return Effect().reply(host.replyTo(), Done.getInstance());
    Event event = host.hosting() ? new GatewayHosted(host.routerId(), state.freeNatZone()) : new GatewayReleased(host.routerId());
    return Effect().persist(event).thenRun(after -> {
      knowledge = knowledge.withGateways(after.gatewayZones());
      reconcile(after);
    }).thenReply(host.replyTo(), after -> Done.getInstance());
  }

  private ReplyEffect<Event, State> onHostBridge(State state, HostBridge host) {
    if (host.hosting() == state.bridgedNetworks().contains(host.networkId())) return Effect().reply(host.replyTo(), Done.getInstance());
    Event event = host.hosting() ? new BridgeHosted(host.networkId()) : new BridgeReleased(host.networkId());
    return Effect().persist(event).thenRun(after -> {
      knowledge = knowledge.withBridges(after.bridgedNetworks());
      reconcile(after);
    }).thenReply(host.replyTo(), after -> Done.getInstance());
  }

  /**
   * An ARP answer from a physical network teaches a neighbor's MAC; a packet for an external
   * address whose MAC is unknown makes the gateway ask for it. True if the packet was one of these.
   */
  private boolean fromExternalNetwork(PacketIn in) {
    DatapathView view = traceView();
    if (view == null || view.externalNetworks().isEmpty()) return false;
    byte[] frame = in.packet().getData();
    if (in.packet().getTableId().getValue() == Table.EXTERNAL_NEIGHBOR.id()) {
      neighbors.resolve(view, frame, System.nanoTime()).ifPresent(ask -> in.connection().packetOut(ask.patchOfport(), ask.frame()));
      return true;
    }
    long inPort = in.packet().getMatch().get(org.projectfloodlight.openflow.protocol.match.MatchField.IN_PORT).getPortNumber();
    OFMetadata metadata = in.packet().getMatch().get(org.projectfloodlight.openflow.protocol.match.MatchField.METADATA);
    Integer vni = metadata == null ? null : (int) (metadata.getValue().getValue() & Metadata.VNI_MASK);
    Optional<NeighborResolver.Learned> learned = NeighborResolver.learn(view, inPort, vni, frame);
    learned.ifPresent(neighbor -> knowledge = knowledge.withNeighbor(neighbor.externalNetworkId(), neighbor.ip(), neighbor.mac()));
    return learned.isPresent();
  }

  private ReplyEffect<Event, State> onHypervisorReported(State state, HypervisorReported reported) {
    HypervisorReport report = reported.report();
    Map<String, InterfaceBinding> before = knowledge.plugged();
    hypervisor = report;
    failover.observe(report.peerTunnels(), System.nanoTime());
    knowledge = knowledge.withPlugged(report.bindings());
    report.bindings().forEach((portId, binding) -> {
      unbindsToSend.remove(portId);
      if (!binding.equals(before.get(portId))) bind(portId, binding);
    });
    before.keySet().stream().filter(portId -> !report.bindings().containsKey(portId)).forEach(this::unbind);
    if (report.hostname() != null && report.encapIp() != null
        && (!report.hostname().equals(state.hostname()) || !report.encapIp().equals(state.encapIp()))) {
      return Effect().persist(new DatapathSeen(report.hostname(), report.encapIp())).thenRun(s -> reconcileNow(s)).thenNoReply();
    }
    return reconcile(state);
  }

  private ReplyEffect<Event, State> onOpenFlowUp(State state, OpenFlowUp up) {
    forgetConnection("the switch reconnected; its tables are being read and reconciled");
    connection = up.connection();
    failover.restart(hypervisor == null ? Map.of() : hypervisor.peerTunnels(), System.nanoTime());
    return Effect().persist(new TermBegun(state.term() + 1)).thenRun(s -> requestMaster(up.connection(), s.term())).thenNoReply();
  }

  private void forgetConnection(String why) {
    changedThisTerm = RepairCount.NONE;
    termReconcileJournaled = false;
    DataplaneTrouble trouble = new DataplaneTrouble(false, why, Instant.now());
    realization.troubled(hostname(), knowledge, trouble);
    if (repairing != null) answer(repairing, RepairOutcome.NOT_MASTER, RepairCount.NONE, "the switch's connection to this node closed");
    repairsWaiting.forEach(waiting -> answer(waiting, RepairOutcome.NOT_MASTER, RepairCount.NONE, "the switch's connection to this node closed"));
    repairsWaiting.clear();
    repairing = null;
    connection = null;
    master = false;
    forgetInstalled();
    readingTables = false;
    converged = false;
  }

  /** The switch's tables are unknown until read again. */
  private void forgetInstalled() {
    installed = null;
    held = null;
  }

  private void requestMaster(SwitchConnection target, long term) {
    context.pipeToSelf(target.requestRole(OFControllerRole.ROLE_MASTER, term), (reply, failure) -> new MasterAnswered(target, term, failure));
  }

  private ReplyEffect<Event, State> onMasterAnswered(State state, MasterAnswered answered) {
    if (answered.connection() != connection) return Effect().noReply();
    if (answered.failure() == null) {
      master = true;
      readTables();
      return Effect().noReply();
    }
    if (SwitchConnection.isStale(answered.failure())) {
      // the switch accepted a newer term than ours (e.g. our journal lost the last one): learn it and go past it
      SwitchConnection target = answered.connection();
      context.pipeToSelf(target.requestRole(OFControllerRole.ROLE_NOCHANGE, 0),
          (reply, failure) -> new GenerationLearned(target, reply == null ? state.term() : reply.getGenerationId().getValue()));
    } else {
      context.getLog().warn("datapath {}: MASTER request (term {}) failed: {}", datapathId, answered.term(), answered.failure().toString());
    }
    return Effect().noReply();
  }

  private void readTables() {
    SwitchConnection target = connection;
    readingTables = true;
    context.pipeToSelf(target.dumpFlows().thenCombine(target.dumpGroups(), SwitchTables::installed),
        (tables, failure) -> new TablesRead(target, tables, failure));
  }

  private ReplyEffect<Event, State> reconcile(State state) {
    // a host gets a network's views as a host; a router's realization counts only the datapaths routing for it
    if (hypervisor != null && hypervisor.encapIp() != null) localSwitches.setPeerTunnels(datapathId, context.getSelf(), knowledge.gatewayPeers(hypervisor.encapIp()));
    watchedRouters.follow(knowledge.neededRouters());
    watchedNetworks.follow(knowledge.routedNetworks());
    watchedGroups.follow(knowledge.neededGroups());
    reconcileNow(state);
    startNextRepair();
    followTakeovers();
    return Effect().noReply();
  }

  /**
   * Gateways whose gate is open here. Those the switch took over by itself (BFD lost the hosts
   * ranked before this one): the router, or the network, learns that this host is active. Those
   * newly open here, taken over or ranked first: the physical network learns where their addresses
   * are now (gratuitous ARP and, for a router, a request for the next hop, whose MAC this host may
   * not know yet; for a layer-2 gateway, the VMs' MACs).
   */
  private void followTakeovers() {
    if (!master || connection == null || hypervisor == null) return;
    DatapathView view = traceView();
    if (view == null) return;
    for (GatewayFailover.Takeover takeover : failover.takeovers(view, hypervisor.peerTunnels(), System.nanoTime())) {
      if (takeover instanceof GatewayFailover.GatewayTakeover taken) {
        GatewayPlan gateway = taken.gateway();
        if (taken.claim()) routers.apply(gateway.routerId()).tell(new RouterEntity.TakeOverGateway(datapathId));
        if (!taken.announce()) continue;
        context.getLog().info("datapath {}: carries the external gateway of router {} ({}): announcing it", datapathId, gateway.routerId(),
            taken.claim() ? "BFD lost the hosts ranked before it" : "ranked first");
        for (ArpFrame announcement : GatewayAnnouncement.of(view, gateway)) connection.packetOut(gateway.patchOfport(), announcement.frame(gateway.vlanId()));
      } else if (takeover instanceof GatewayFailover.BridgeTakeover taken) {
        NetworkPlan network = taken.network();
        if (taken.claim()) networks.apply(network.networkId()).tell(new NetworkEntity.TakeOverBridge(datapathId));
        if (!taken.announce()) continue;
        context.getLog().info("datapath {}: carries the layer-2 gateway of network {} ({}): announcing its ports", datapathId, network.networkId(),
            taken.claim() ? "BFD lost the hosts ranked before it" : "ranked first");
        BridgeHostPlan here = network.bridge().here();
        for (ArpFrame announcement : BridgeAnnouncement.of(view, network)) connection.packetOut(here.patchOfport(), announcement.frame(here.vlanId()));
      }
    }
  }

  /** Sends the difference between desired and installed tables, one batch at a time; the answer of a batch runs this again. */
  private void reconcileNow(State state) {
    if (!master || installed == null || applying || readingTables || repairing != null) return;
    DatapathView view = traceView();
    if (view == null) return;
    try {
      desired = desired.next(view);
    } catch (RuntimeException refused) {
      context.getLog().error("datapath {}: the compiled flows cannot be expressed in OpenFlow 1.3; nothing sent", datapathId, refused);
      return;
    }
    boolean complete = knowledge.complete();
    TableChanges changes;
    boolean exact; // once these changes are in, the switch holds exactly `desired`
    TableChanges sinceHeld = held == null ? null : desired.changesFrom(held);
    if (sinceHeld != null && (complete || sinceHeld.removesNothing())) {
      changes = sinceHeld; // only the networks that changed; nothing is removed for lack of knowledge
      exact = true;
    } else if (fullDiffs.mayDiff(System.nanoTime(), complete)) {
      changes = TableDiff.between(desired.merged(), installed.snapshot(), complete);
      exact = complete;
    } else {
      // answers are still streaming in after a takeover: diff everything once the spacing has passed
      converged = false;
      if (!timers.isTimerActive(FullDiffDue.INSTANCE)) timers.startSingleTimer(FullDiffDue.INSTANCE, FullDiffPacing.SPACING);
      return;
    }
    boolean wasConverged = converged;
    converged = complete && changes.isEmpty();
    if (converged && !wasConverged) {
      // INFO once a term: every later change converges again, and a hypervisor of 100 ports logged it 870 times while they were bound
      Level level = termReconcileJournaled ? Level.DEBUG : Level.INFO;
      context.getLog().atLevel(level).log("datapath {}: converged, {} flows and {} groups installed", datapathId, installed.flowCount(), installed.groupCount());
      if (!termReconcileJournaled) {
        termReconcileJournaled = true;
        context.getSelf().tell(new ReconcileFinished(state.term(), changedThisTerm));
      }
    }
    // every batch before this one was confirmed by its barrier: the switch implements these views now
    if (converged) {
      realization.confirmed(hostname(), knowledge, Instant.now());
    }
    if (changes.isEmpty()) {
      if (exact) held = desired;
      if (reconcileUnreported || (converged && !wasConverged)) reconciled(ReconcileResult.IN_SYNC);
      return;
    }
    applying = true;
    if (!termReconcileJournaled) changedThisTerm = changedThisTerm.plus(changes.countAgainst(installed));
    SwitchConnection target = connection;
    DesiredTables heldAfter = exact ? desired : null;
    long started = System.nanoTime();
    context.pipeToSelf(target.applyMods(changes.messages()), (ok, failure) -> new ChangesApplied(target, heldAfter, changes, started, failure));
  }

  private ReplyEffect<Event, State> onChangesApplied(State state, ChangesApplied applied) {
    applying = false;
    NodeMetrics.get(context.getSystem()).reconcileDuration().observe((System.nanoTime() - applied.startedNanos()) / 1e9, applied.failure() == null ? "ok" : "failed");
    if (applied.connection() != connection) return Effect().noReply();
    if (applied.failure() != null) {
      // OpenFlow has no transactions: part of the batch may be in; read the tables again and diff anew
      context.getLog().warn("datapath {}: applying {} failed ({}); re-reading the tables", datapathId, applied.changes(), applied.failure().toString());
      OpenFlowErrorException refused = OpenFlowErrorException.in(applied.failure());
      if (refused != null) {
        DataplaneTrouble trouble = new DataplaneTrouble(true, "the switch refused a change: " + refused.getMessage(), Instant.now());
        realization.troubled(hostname(), knowledge, trouble);
      }
      reconciled(ReconcileResult.FAILED);
      forgetInstalled();
      if (master) readTables();
      return Effect().noReply();
    }
    installed.apply(applied.changes());
    held = applied.heldAfter();
    reconciled(ReconcileResult.APPLIED);
    context.getLog().debug("datapath {}: applied {} in {} ms", datapathId, applied.changes(), (System.nanoTime() - applied.startedNanos()) / 1e6);
    return reconcile(state);
  }

  private void reconciled(ReconcileResult result) {
    lastReconcileAt = Instant.now();
    lastReconcileResult = result;
    reconcileUnreported = false;
  }

  /** Only a converged datapath has settled tables to compare; one repair at a time is enough. */
  private ReplyEffect<Event, State> onVerify(State state, Verify verify) {
    if (!master || !converged || installed == null || connection == null || repairing != null || !repairsWaiting.isEmpty()) return reconcile(state);
    verifications++;
    if (verifications % FULL_VERIFY_EVERY == 0) {
      repairsWaiting.add(new PendingRepair(null, null));
    } else {
      SwitchConnection target = connection;
      context.pipeToSelf(target.countFlows(), (count, failure) -> new FlowsCounted(target, count == null ? -1 : count, failure));
    }
    return reconcile(state);
  }

  /** A count taken while a batch was in flight says nothing; a settled one that differs means drift: read and repair everything. */
  private ReplyEffect<Event, State> onFlowsCounted(State state, FlowsCounted counted) {
    boolean settled = counted.connection() == connection && counted.failure() == null && master && converged && !applying && repairing == null && installed != null;
    if (settled && counted.count() != installed.flowCount() && repairsWaiting.isEmpty()) {
      context.getLog().info("datapath {}: the switch holds {} flows where {} were installed; reading its tables", datapathId, counted.count(), installed.flowCount());
      repairsWaiting.add(new PendingRepair(null, null));
    }
    return reconcile(state);
  }

  private ReplyEffect<Event, State> requestRepair(State state, PendingRepair repair) {
    if (connection == null || !master) {
      answer(repair, RepairOutcome.NOT_MASTER, RepairCount.NONE, connection == null ? "the switch is not connected to this node" : "this node is not master yet");
      return Effect().noReply();
    }
    repairsWaiting.add(repair);
    return reconcile(state);
  }

  /** Starts the next repair once nothing else reads or writes the tables (so what it reads is what the switch holds, not a batch in flight). */
  private void startNextRepair() {
    if (repairing != null || applying || readingTables || installed == null || !master || connection == null || repairsWaiting.isEmpty()) return;
    PendingRepair repair = repairsWaiting.poll();
    repairing = repair;
    readingTables = true;
    SwitchConnection target = connection;
    context.pipeToSelf(target.dumpFlows().thenCombine(target.dumpGroups(), SwitchTables::installed),
        (tables, failure) -> new RepairRead(target, repair, tables, failure));
  }

  private ReplyEffect<Event, State> onRepairRead(State state, RepairRead read) {
    readingTables = false;
    PendingRepair repair = read.repair();
    repairing = null;
    DatapathView view = traceView();
    if (read.connection() != connection || !master || installed == null) {
      answer(repair, RepairOutcome.NOT_MASTER, RepairCount.NONE, "this node lost the switch or its mastership during the repair");
    } else if (read.failure() != null) {
      answer(repair, RepairOutcome.FAILED, RepairCount.NONE, "reading the tables failed: " + read.failure());
    } else if (view == null) {
      answer(repair, RepairOutcome.NOT_MASTER, RepairCount.NONE, "the hypervisor has not reported its tunnel endpoint yet");
    } else if (repair.networkId() != null && view.networks().stream().noneMatch(plan -> plan.networkId().equals(repair.networkId()))) {
      answer(repair, RepairOutcome.NOT_SERVED, RepairCount.NONE, null);
    } else {
      TableScope scope = repair.networkId() == null ? TableScope.WHOLE_DATAPATH : NetworkFootprint.of(view, repair.networkId());
      SwitchTables found = scope.restrict(read.tables());
      desired = desired.next(view); // reuses what the last reconcile translated
      TableRepair plan = TableRepair.of(scope.restrict(installed.snapshot()), found, () -> scope.restrict(desired.merged()), knowledge.complete());
      TableChanges changes = plan.changes();
      if (!plan.drifted()) {
        // the switch holds what was installed; what the views changed meanwhile goes out with the next reconcile
        answer(repair, RepairOutcome.IN_SYNC, RepairCount.NONE, null);
      } else if (changes.isEmpty()) {
        installed.replace(scope, found);
        held = null; // what was read differs from what was compiled last: the next reconcile compares everything
        answer(repair, RepairOutcome.IN_SYNC, RepairCount.NONE, null);
      } else {
        held = null;
        repairing = repair;
        applying = true;
        SwitchConnection target = connection;
        RepairCount changed = plan.drift();
        SwitchTables result = found.after(changes);
        context.pipeToSelf(target.applyMods(changes.messages()), (ok, failure) -> new RepairApplied(target, repair, scope, result, changed, failure));
      }
    }
    return reconcile(state);
  }

  private ReplyEffect<Event, State> onRepairApplied(State state, RepairApplied applied) {
    applying = false;
    repairing = null;
    PendingRepair repair = applied.repair();
    if (applied.connection() != connection || !master || installed == null || applied.failure() != null) {
      answer(repair, RepairOutcome.FAILED, RepairCount.NONE,
          applied.failure() == null ? "this node lost the switch or its mastership during the repair" : applied.failure().toString());
      forgetInstalled(); // part of the batch may be in: read everything again
      if (master && connection != null) readTables();
      return Effect().noReply();
    }
    installed.replace(applied.scope(), applied.result());
    held = null;
    RepairCount changed = applied.changed();
    boolean requested = repair.replyTo() != null;
    context.getLog().warn("datapath {}: tables differed from the compiled ones (scope {}, {}); restored {} flows, corrected {}, removed {}; groups restored {}, corrected {}, removed {}",
        datapathId, repair.scopeName(), requested ? "repair asked for" : "found by verification", changed.flowsRestored(), changed.flowsCorrected(),
        changed.flowsRemoved(), changed.groupsRestored(), changed.groupsCorrected(), changed.groupsRemoved());
    NodeMetrics metrics = NodeMetrics.get(context.getSystem());
    String trigger = requested ? "request" : "verification";
    metrics.repairedFlows().add(changed.flowsRestored(), trigger, "restored");
    metrics.repairedFlows().add(changed.flowsCorrected(), trigger, "corrected");
    metrics.repairedFlows().add(changed.flowsRemoved(), trigger, "removed");
    return Effect().persist(new TablesRepaired(repair.scopeName(), changed, requested)).thenRun(s -> {
      answer(repair, RepairOutcome.REPAIRED, changed, null);
      reconcileNow(s);
      startNextRepair();
    }).thenNoReply();
  }

  private void answer(PendingRepair repair, RepairOutcome outcome, RepairCount changed, String reason) {
    if (repair.replyTo() == null) return;
    repair.replyTo().tell(new RepairReport(datapathId, hypervisor == null ? null : hypervisor.hostname(), repair.scopeName(), outcome, changed, reason));
  }

  private void bind(String portId, InterfaceBinding binding) {
    if (hypervisor == null) return;
    bindsInFlight.add(portId);
    PortBinding where = new PortBinding(datapathId, hypervisor.hostname(), hypervisor.encapIp(), binding.ofport());
    SagaStep.<PortEntity.Command, String, Command>ask(context, ports.apply(portId), ASK_TIMEOUT,
        replyTo -> new PortEntity.Bind(where, replyTo),
        outcome -> new BindAnswered(portId, binding, outcome),
        failure -> new BindAnswered(portId, binding, Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, failure.toString()))));
  }

  private void unbind(String portId) {
    unbindsToSend.remove(portId);
    SagaStep.<PortEntity.Command, String, Command>ask(context, ports.apply(portId), ASK_TIMEOUT,
        replyTo -> new PortEntity.Unbind(datapathId, replyTo),
        outcome -> new UnbindAnswered(portId, outcome),
        failure -> new UnbindAnswered(portId, Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, failure.toString()))));
  }

  private ReplyEffect<Event, State> onBindAnswered(State state, BindAnswered answered) {
    bindsInFlight.remove(answered.portId());
    if (!answered.binding().equals(knowledge.plugged().get(answered.portId()))) return Effect().noReply(); // superseded by a newer report
    if (answered.outcome() instanceof Outcome.Ok<String> ok) {
      knowledge = knowledge.withPortInNetwork(answered.portId(), ok.value());
      if (!knowledge.networks().containsKey(ok.value())) fetchNetwork(ok.value());
    } else if (answered.outcome() instanceof Outcome.Rejected<String> rejected && rejected.problem().code() == ProblemCode.NOT_FOUND) {
      knowledge = knowledge.withPortAbsent(answered.portId()); // plugged before the port exists: asked again on later ticks
    } else {
      context.getLog().warn("datapath {}: binding port {} not confirmed ({}); retrying", datapathId, answered.portId(), answered.outcome());
    }
    return reconcile(state);
  }

  private void fetchNetwork(String networkId) {
    fetchNetwork(networkId, false);
  }

  /** {@code watch}: the network pushes its later views here although no member is plugged here (routing). */
  private void fetchNetwork(String networkId, boolean watch) {
    if (!networkFetchesInFlight.add(networkId)) return;
    SagaStep.<NetworkEntity.Command, NetworkDataplane, Command>ask(context, networks.apply(networkId), ASK_TIMEOUT,
        replyTo -> new NetworkEntity.GetDataplane(watch ? datapathId : null, replyTo),
        outcome -> new NetworkAnswered(networkId, watch, outcome),
        failure -> new NetworkAnswered(networkId, watch, Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, failure.toString()))));
  }

  private ReplyEffect<Event, State> onNetworkAnswered(State state, NetworkAnswered answered) {
    networkFetchesInFlight.remove(answered.networkId());
    DatapathKnowledge before = knowledge;
    if (answered.outcome() instanceof Outcome.Ok<NetworkDataplane> ok) {
      if (answered.watching()) watchedNetworks.answered(answered.networkId());
      knowledge = knowledge.withNetwork(ok.value());
    } else if (answered.outcome() instanceof Outcome.Rejected<NetworkDataplane> rejected && rejected.problem().code() == ProblemCode.NOT_FOUND) {
      knowledge = knowledge.withoutNetwork(answered.networkId());
    }
    return reconcileIfChanged(state, before);
  }

  private void fetchRouter(String routerId) {
    if (!routerFetchesInFlight.add(routerId)) return;
    SagaStep.<RouterEntity.Command, RouterDataplane, Command>ask(context, routers.apply(routerId), ASK_TIMEOUT,
        replyTo -> new RouterEntity.GetDataplane(datapathId, hostname(), replyTo),
        outcome -> new RouterAnswered(routerId, outcome),
        failure -> new RouterAnswered(routerId, Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, failure.toString()))));
  }

  private ReplyEffect<Event, State> onRouterAnswered(State state, RouterAnswered answered) {
    routerFetchesInFlight.remove(answered.routerId());
    DatapathKnowledge before = knowledge;
    if (answered.outcome() instanceof Outcome.Ok<RouterDataplane> ok) {
      watchedRouters.answered(answered.routerId());
      knowledge = knowledge.withRouter(ok.value());
    } else if (answered.outcome() instanceof Outcome.Rejected<RouterDataplane> rejected && rejected.problem().code() == ProblemCode.NOT_FOUND) {
      knowledge = knowledge.withoutRouter(answered.routerId());
    }
    return reconcileIfChanged(state, before);
  }

  private void fetchGroup(String groupId) {
    if (!groupFetchesInFlight.add(groupId)) return;
    SagaStep.<SecurityGroupEntity.Command, SecurityGroupDataplane, Command>ask(context, securityGroups.apply(groupId), ASK_TIMEOUT,
        replyTo -> new SecurityGroupEntity.GetDataplane(datapathId, hostname(), replyTo),
        outcome -> new SecurityGroupAnswered(groupId, outcome),
        failure -> new SecurityGroupAnswered(groupId, Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, failure.toString()))));
  }

  private ReplyEffect<Event, State> onSecurityGroupAnswered(State state, SecurityGroupAnswered answered) {
    groupFetchesInFlight.remove(answered.groupId());
    DatapathKnowledge before = knowledge;
    if (answered.outcome() instanceof Outcome.Ok<SecurityGroupDataplane> ok) {
      watchedGroups.answered(answered.groupId());
      knowledge = knowledge.withGroup(ok.value());
    } else if (answered.outcome() instanceof Outcome.Rejected<SecurityGroupDataplane> rejected && rejected.problem().code() == ProblemCode.NOT_FOUND) {
      knowledge = knowledge.withoutGroup(answered.groupId());
    }
    return reconcileIfChanged(state, before);
  }

  /**
   * An answer that taught nothing new (most of an anti-entropy round: a datapath serving 100
   * networks and groups gets 200) leaves the switch as it is; the next tick follows what is still
   * unanswered.
   */
  private ReplyEffect<Event, State> reconcileIfChanged(State state, DatapathKnowledge before) {
    return knowledge == before ? Effect().noReply() : reconcile(state);
  }

  /** Retries what is unanswered, re-reads what may have been lost, and keeps the directory entry. */
  private ReplyEffect<Event, State> onTick(State state, Tick tick) {
    ticks++;
    for (String portId : knowledge.unresolvedPorts()) if (!bindsInFlight.contains(portId)) bind(portId, knowledge.plugged().get(portId));
    // ports plugged before they were created: the Port entity cannot tell us when it is created
    for (String portId : knowledge.absentPorts()) if (!bindsInFlight.contains(portId)) bind(portId, knowledge.plugged().get(portId));
    for (String portId : Set.copyOf(unbindsToSend)) unbind(portId);
    knowledge.missingNetworks().forEach(this::fetchNetwork);
    if (ticks % ANTI_ENTROPY_TICKS == 0) {
      knowledge.servedNetworks().forEach(this::fetchNetwork);
      // asked again below, by reconcile: an entity that restarted forgot this watcher
      watchedRouters.forgetAnswers();
      watchedNetworks.forgetAnswers();
      watchedGroups.forgetAnswers();
      realization.forget(); // confirmed again below or after the next batch: a network entity that restarted relearns it
    }
    if (connection != null && master && installed == null && !readingTables) readTables();
    if (hypervisor != null && registration.askNow()) {
      context.ask(Done.class, directory.get(), ASK_TIMEOUT, replyTo -> new DatapathDirectory.Register(datapathId, replyTo),
          (done, failure) -> new Registered(failure == null));
    }
    return reconcile(state);
  }

  private String hostname() {
    return hypervisor == null ? null : hypervisor.hostname();
  }

  /** The view the pipeline is compiled from, or null while the hypervisor has not told its tunnel endpoint and port. */
  private DatapathView traceView() {
    if (hypervisor == null || hypervisor.encapIp() == null || hypervisor.tunnelOfport() < 0) return null;
    return knowledge.view(hypervisor.encapIp(), hypervisor.tunnelOfport(), hypervisor.physicalNetworkPorts(),
        failover.reach(hypervisor.peerTunnels(), System.nanoTime()));
  }

  private DatapathStatus status(State state) {
    DatapathView view = traceView();
    String role = connection == null ? "none" : master ? "master" : "slave";
    var self = context.getSystem().address();
    String node = self.getHost().orElse("?") + ":" + self.getPort().map(String::valueOf).orElse("?");
    return new DatapathStatus(datapathId, node, state.hostname(), state.encapIp(), connection != null && connection.isConnected(),
        hypervisor != null && hypervisor.connected(), role, state.term(),
        installed == null ? -1 : installed.flowCount(), installed == null ? -1 : installed.groupCount(),
        view == null ? 0 : view.localPorts().size(), knowledge.servedNetworks().size(), converged,
        hypervisor == null ? List.of() : hypervisor.controllers(), lastReconcileAt, lastReconcileResult,
        hypervisor != null && hypervisor.gateway(), hypervisor == null ? List.of() : List.copyOf(hypervisor.physicalNetworkPorts().keySet()),
        hypervisor == null ? List.of() : hypervisor.mappingProblems(), hypervisor == null ? Map.of() : bfdStates(hypervisor.peerTunnels()));
  }

  private static Map<String, String> bfdStates(Map<String, PeerTunnel> tunnels) {
    Map<String, String> states = new TreeMap<>();
    tunnels.forEach((peer, tunnel) -> states.put(peer, tunnel.bfdState()));
    return states;
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(DatapathSeen.class, (state, e) -> state.seen(e.hostname(), e.encapIp()))
        .onEvent(TermBegun.class, (state, e) -> state.inTerm(e.term()))
        .onEvent(BridgeHosted.class, (state, e) -> state.withBridge(e.networkId(), true))
        .onEvent(BridgeReleased.class, (state, e) -> state.withBridge(e.networkId(), false))
        .onEvent(GatewayHosted.class, (state, e) -> state.withGateway(e.routerId(), e.natZone()))
        .onEvent(GatewayReleased.class, (state, e) -> state.withGateway(e.routerId(), null))
        .onEvent(TablesRepaired.class, (state, e) -> state)
        .onEvent(TablesReconciled.class, (state, e) -> state)
        .build();
  }
}
