package io.tenet.switches.datapath;

import io.tenet.switches.openflow.RoleStatus;
import io.tenet.switches.openflow.SwitchConnection;
import io.tenet.switches.openflow.SwitchListener;
import io.tenet.switches.ovsdb.BindingListener;
import io.tenet.switches.ovsdb.HypervisorSetup;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.switches.ovsdb.OvsdbConnection;
import io.tenet.switches.ovsdb.OvsdbConnectionListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's live switch connections, OpenFlow and OVSDB, by datapath id. Every hypervisor
 * connects to every controller node, so each node holds all of them; the {@link DatapathEntity}
 * of a datapath attaches to the registry of the node sharding placed it on and hears only that
 * node's connections. Connections are not messages: they never leave the node.
 *
 * <p>On an OVSDB connection it monitors the database, sets up br-int and its tunnel (again
 * whenever the database drifts from that), and reports the hypervisor's bindings. Called on
 * Netty's event loops and from actors: everything here is thread-safe and never blocks.
 */
public final class LocalSwitches implements SwitchListener, OvsdbConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(LocalSwitches.class);

  private final Wakeups wakeups;
  private final Function<OvsdbConnection, List<String>> controllerTargets;
  private final Map<String, SwitchConnection> openflow = new ConcurrentHashMap<>();
  private final Map<OvsdbConnection, HypervisorReport> reports = new ConcurrentHashMap<>();
  // reports' connections by the datapath they report: a datapath's own connections without a scan of all of them
  private final Map<String, Set<OvsdbConnection>> reportingFor = new ConcurrentHashMap<>();
  private final Map<String, ActorRef<DatapathEntity.Command>> attached = new ConcurrentHashMap<>();
  // The peer tunnels of the datapaths whose entity runs here, which decides them; other nodes leave them alone.
  private final Map<String, Set<String>> peerTunnels = new ConcurrentHashMap<>();
  private final Map<OvsdbConnection, Monitor> monitors = new ConcurrentHashMap<>();
  private final Set<OvsdbConnection> ovsdb = ConcurrentHashMap.newKeySet();

  /**
   * {@code wake} starts the datapath's entity somewhere in the cluster and completes when it answered
   * ({@link Wakeups}); {@code controllerTargets} are the OpenFlow targets br-int must have, for one
   * OVSDB connection.
   */
  public LocalSwitches(Function<String, CompletionStage<?>> wake, Function<OvsdbConnection, List<String>> controllerTargets) {
    this.wakeups = new Wakeups(wake);
    this.controllerTargets = controllerTargets;
  }

  /** The entity of {@code datapathId} runs on this node: it hears this node's connections, starting with what is known now. */
  public void attach(String datapathId, ActorRef<DatapathEntity.Command> entity) {
    attached.put(datapathId, entity);
    for (OvsdbConnection connection : reportingFor.getOrDefault(datapathId, Set.of())) {
      HypervisorReport report = reports.get(connection);
      if (report != null && report.datapathId().equals(datapathId)) entity.tell(new DatapathEntity.HypervisorReported(report));
    }
    SwitchConnection connection = openflow.get(datapathId);
    if (connection != null) entity.tell(new DatapathEntity.OpenFlowUp(connection));
  }

  /** Wakes again every connected datapath whose entity has not answered a wake-up yet (called every few seconds). */
  public void wakeTheUnanswered() {
    Set<String> connected = new HashSet<>(openflow.keySet());
    reports.values().forEach(report -> connected.add(report.datapathId()));
    wakeups.retry(connected);
  }

  public void detach(String datapathId, ActorRef<DatapathEntity.Command> entity) {
    if (attached.remove(datapathId, entity)) peerTunnels.remove(datapathId);
  }

  /** This node's live OpenFlow connections by the role the switch confirmed to it: master, slave or equal. */
  public Map<List<String>, Double> openflowConnectionsByRole() {
    return countByRole(openflow.values().stream().filter(SwitchConnection::isConnected).map(SwitchConnection::role).toList());
  }

  static Map<List<String>, Double> countByRole(List<OFControllerRole> roles) {
    Map<List<String>, Double> counts = new HashMap<>();
    for (String role : List.of("master", "slave", "equal")) counts.put(List.of(role), 0.0);
    for (OFControllerRole role : roles) counts.merge(List.of(role.name().substring("ROLE_".length()).toLowerCase(Locale.ROOT)), 1.0, Double::sum);
    return counts;
  }

  public int ovsdbConnections() {
    return ovsdb.size();
  }

  private void tell(String datapathId, DatapathEntity.Command command) {
    ActorRef<DatapathEntity.Command> entity = attached.get(datapathId);
    if (entity != null) entity.tell(command);
  }

  /** OVS's datapath_id column and our entity ids: 16 lower-case hex digits. */
  static String datapathId(SwitchConnection connection) {
    return String.format("%016x", connection.dpid().getLong());
  }

  @Override
  public void connected(SwitchConnection connection) {
    String dpid = datapathId(connection);
    SwitchConnection previous = openflow.put(dpid, connection);
    if (previous != null && previous != connection) previous.close(); // OVS reconnected before we noticed the old one die
    wakeups.connected(dpid);
    tell(dpid, new DatapathEntity.OpenFlowUp(connection));
  }

  @Override
  public void disconnected(SwitchConnection connection) {
    String dpid = datapathId(connection);
    openflow.remove(dpid, connection);
    tell(dpid, new DatapathEntity.OpenFlowDown(connection));
  }

  @Override
  public void roleChanged(SwitchConnection connection, RoleStatus status) {
    tell(datapathId(connection), new DatapathEntity.RoleLost(connection, status.generation()));
  }

  /** Bindings come from OVSDB (it knows the iface-id); the OpenFlow view of a port change is only logged. */
  @Override
  public void portStatus(SwitchConnection connection, OFPortStatus status) {
    log.debug("{}: port {} {} ({})", connection.name(), status.getDesc().getPortNo(), status.getReason(), status.getDesc().getName());
  }

  @Override
  public void packetIn(SwitchConnection connection, OFPacketIn packet) {
    tell(datapathId(connection), new DatapathEntity.PacketIn(connection, packet));
  }

  /** The datapath's entity, running here, wants br-int's peer tunnels to be exactly {@code peers}. */
  public void setPeerTunnels(String datapathId, ActorRef<DatapathEntity.Command> entity, Set<String> peers) {
    if (!entity.equals(attached.get(datapathId))) return;
    Set<String> copy = Set.copyOf(peers);
    if (copy.equals(peerTunnels.put(datapathId, copy))) return;
    for (OvsdbConnection connection : reportingFor.getOrDefault(datapathId, Set.of())) {
      Monitor monitor = monitors.get(connection);
      if (monitor != null) monitor.setUp();
    }
  }

  /** Keeps {@link #reportingFor} in step with {@code reports} after {@code connection}'s report went from {@code before} to {@code now}. */
  private void reindex(OvsdbConnection connection, HypervisorReport before, HypervisorReport now) {
    if (before != null && (now == null || !before.datapathId().equals(now.datapathId()))) {
      reportingFor.computeIfPresent(before.datapathId(), (id, connections) -> {
        connections.remove(connection);
        return connections.isEmpty() ? null : connections;
      });
    }
    if (now != null) {
      reportingFor.compute(now.datapathId(), (id, connections) -> {
        Set<OvsdbConnection> kept = connections == null ? ConcurrentHashMap.newKeySet() : connections;
        kept.add(connection);
        return kept;
      });
    }
  }

  @Override
  public void connected(OvsdbConnection connection) {
    ovsdb.add(connection);
    Monitor monitor = new Monitor(connection);
    monitors.put(connection, monitor);
    connection.monitor(monitor).whenComplete((ok, failure) -> {
      if (failure != null) log.warn("{}: OVSDB monitor failed: {}", connection.name(), failure.toString());
    });
  }

  @Override
  public void disconnected(OvsdbConnection connection) {
    ovsdb.remove(connection);
    monitors.remove(connection);
    HypervisorReport last = reports.remove(connection);
    reindex(connection, last, null);
    if (last != null) tell(last.datapathId(), new DatapathEntity.HypervisorReported(last.disconnected()));
  }

  /** Watches one hypervisor's database: keeps br-int set up and reports what changed. */
  private final class Monitor implements BindingListener {
    private final OvsdbConnection connection;
    private final AtomicBoolean setupRunning = new AtomicBoolean();
    private volatile boolean setupAgain;
    private volatile String refusal;

    Monitor(OvsdbConnection connection) {
      this.connection = connection;
    }

    @Override
    public void bound(InterfaceBinding binding) {}

    @Override
    public void unbound(InterfaceBinding binding) {}

    @Override
    public void updated(OvsdbConnection ignored) {
      setUp();
      Optional<HypervisorReport> report = HypervisorReading.read(connection.cache(), connection.name());
      if (report.isEmpty()) return;
      HypervisorReport now = report.get();
      HypervisorReport before = reports.put(connection, now);
      reindex(connection, before, now);
      if (now.equals(before)) return;
      if (!now.mappingProblems().isEmpty() && (before == null || !now.mappingProblems().equals(before.mappingProblems()))) {
        log.warn("{}: bridge mappings left out: {}", connection.name(), String.join("; ", now.mappingProblems()));
      }
      if (before == null || !before.datapathId().equals(now.datapathId())) wakeups.connected(now.datapathId());
      tell(now.datapathId(), new DatapathEntity.HypervisorReported(now));
    }

    /** One transaction at a time; a change seen meanwhile runs setup once more afterwards (it writes nothing when all is in place). */
    private void setUp() {
      if (!setupRunning.compareAndSet(false, true)) {
        setupAgain = true;
        return;
      }
      setupAgain = false;
      HypervisorReport known = reports.get(connection);
      Set<String> peers = known == null ? null : peerTunnels.get(known.datapathId());
      HypervisorSetup.apply(connection, controllerTargets.apply(connection), peers).whenComplete((ops, failure) -> {
        if (failure == null) {
          if (!ops.isEmpty()) log.info("{}: set up {} ({} OVSDB operations)", connection.name(), HypervisorSetup.BRIDGE, ops.size());
          refusal = null;
        } else if (!String.valueOf(failure.getMessage()).equals(refusal)) {
          refusal = String.valueOf(failure.getMessage());
          log.warn("{}: cannot set up {}: {}", connection.name(), HypervisorSetup.BRIDGE, refusal);
        }
        setupRunning.set(false);
        if (setupAgain && connection.isConnected()) setUp();
      });
    }
  }
}
