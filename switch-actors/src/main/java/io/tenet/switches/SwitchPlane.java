package io.tenet.switches;

import io.tenet.switches.datapath.DatapathDirectory;
import io.tenet.switches.datapath.DatapathEntity;
import io.tenet.switches.datapath.DatapathStatuses;
import io.tenet.switches.datapath.LocalSwitches;
import io.tenet.switches.datapath.PacketHandler;
import io.tenet.switches.openflow.OpenFlowCounters;
import io.tenet.switches.openflow.OpenFlowListener;
import io.tenet.switches.ovsdb.OvsdbListener;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.LogIds;
import io.tenet.topology.RememberedEntities;
import io.tenet.topology.dataplane.DatapathQueries;
import io.tenet.topology.dataplane.DatapathRepairs;
import io.tenet.topology.dataplane.DatapathStatus;
import io.tenet.topology.dataplane.PacketTraces;
import io.tenet.topology.dataplane.RepairOutcome;
import io.tenet.topology.dataplane.RepairReport;
import io.tenet.topology.dataplane.TraceReport;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.metrics.NodeMetrics;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.network.DataplaneSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * The node's side of the data plane: the OpenFlow and OVSDB listeners every hypervisor connects
 * to, this node's {@link LocalSwitches}, and the sharded {@link DatapathEntity} and
 * {@link DatapathDirectory}. Datapath entities are remembered, so when a node is lost sharding
 * restarts each of its datapaths on a survivor, which then takes over as master.
 */
public final class SwitchPlane implements AutoCloseable, DatapathQueries, DatapathRepairs, PacketTraces {
  private static final Pattern DATAPATH_ID = Pattern.compile("[0-9a-f]{16}");
  /** A datapath's entity answers in milliseconds unless its node is gone; then the list says "unknown" for it. */
  /** How often connected datapaths whose entity has not answered a wake-up are woken again. */
  private static final Duration WAKE_AGAIN = Duration.ofSeconds(5);

  /**
   * {@code controllerTargets}: the OpenFlow targets br-int gets (every controller node); empty means
   * this node alone, at the address the hypervisor's OVSDB connection reached. {@code verifyInterval}: how often each datapath reads its
   * tables back to find and correct drift (zero: never).
   */
  public record Settings(String listenHost, int openflowPort, int ovsdbPort, List<String> controllerTargets, Duration askTimeout, Duration verifyInterval) {
    public Settings {
      controllerTargets = List.copyOf(controllerTargets);
    }
  }

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final OpenFlowListener openflow;
  private final OvsdbListener ovsdb;
  private final SwitchTraces traces;
  private final Cancellable wakingAgain;

  private SwitchPlane(ActorSystem<?> system, Duration askTimeout, OpenFlowListener openflow, OvsdbListener ovsdb, Cancellable wakingAgain) {
    this.system = system;
    this.wakingAgain = wakingAgain;
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.openflow = openflow;
    this.ovsdb = ovsdb;
    this.traces = new SwitchTraces(sharding, this, askTimeout);
  }

  /** Where networks publish their views: a tell to the datapath's entity, wherever it runs. Usable before {@link #start}. */
  public static DataplaneSink sink(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new DataplaneSink() {
      @Override
      public void publish(String datapathId, NetworkDataplane view) {
        sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).tell(new DatapathEntity.NetworkChanged(view));
      }

      @Override
      public void publish(String datapathId, RouterDataplane view) {
        sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).tell(new DatapathEntity.RouterChanged(view));
      }

      @Override
      public void publish(String datapathId, SecurityGroupDataplane view) {
        sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).tell(new DatapathEntity.SecurityGroupChanged(view));
      }
    };
  }

  public static SwitchPlane start(ActorSystem<?> system, EntityRefs topology, Settings settings, PacketHandler packets) throws InterruptedException {
    ClusterSharding sharding = ClusterSharding.get(system);
    LocalSwitches local = new LocalSwitches(
        datapathId -> sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).ask(DatapathEntity.Wake::new, settings.askTimeout()),
        connection -> settings.controllerTargets().isEmpty()
            ? List.of("tcp:" + connection.localAddress().getAddress().getHostAddress() + ":" + settings.openflowPort())
            : settings.controllerTargets());
    NodeMetrics metrics = NodeMetrics.get(system);
    sharding.init(topology.gated(Entity.of(DatapathDirectory.ENTITY_KEY, ctx -> metrics.watchPersistence(DatapathDirectory.ENTITY_KEY, DatapathDirectory.create()))));
    sharding.init(topology.gated(Entity.of(DatapathEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(DatapathEntity.ENTITY_KEY,
            LogIds.tagged("dpid", ctx.getEntityId(), DatapathEntity.create(ctx.getEntityId(), local, topology::port, topology::network, topology::router, topology::securityGroup,
                () -> sharding.entityRefFor(DatapathDirectory.ENTITY_KEY, DatapathDirectory.ENTITY_ID), packets, settings.verifyInterval()))))
        .withSettings(RememberedEntities.settings(system))));
    metrics.countEntities(DatapathDirectory.ENTITY_KEY);
    metrics.countEntities(DatapathEntity.ENTITY_KEY);
    metrics.openflowConnections().source(local::openflowConnectionsByRole);
    metrics.ovsdbConnections().sourceOfOne(() -> (double) local.ovsdbConnections());
    OpenFlowListener openflow = OpenFlowListener.start(settings.listenHost(), settings.openflowPort(), local, 0, OpenFlowCounters.of(metrics));
    OvsdbListener ovsdb;
    try {
      ovsdb = OvsdbListener.start(settings.listenHost(), settings.ovsdbPort(), local);
    } catch (InterruptedException | RuntimeException failed) {
      openflow.close();
      throw failed;
    }
    Cancellable wakingAgain = system.scheduler().scheduleWithFixedDelay(WAKE_AGAIN, WAKE_AGAIN, local::wakeTheUnanswered, system.executionContext());
    return new SwitchPlane(system, settings.askTimeout(), openflow, ovsdb, wakingAgain);
  }

  public int openflowPort() {
    return openflow.port();
  }

  public int ovsdbPort() {
    return ovsdb.port();
  }

  @Override
  public CompletionStage<List<DatapathStatus>> list() {
    return DatapathStatuses.all(sharding, askTimeout);
  }

  /** Only ids the directory lists: asking for any other would start (and remember) an entity for it. */
  @Override
  public CompletionStage<Optional<DatapathStatus>> get(String datapathId) {
    if (!DATAPATH_ID.matcher(datapathId).matches()) return CompletableFuture.completedFuture(Optional.empty());
    return knownDatapaths().thenCompose(ids ->
        ids.contains(datapathId) ? status(datapathId, askTimeout).thenApply(Optional::of) : CompletableFuture.completedFuture(Optional.empty()));
  }

  @Override
  public CompletionStage<Optional<RepairReport>> repairDatapath(String datapathId) {
    if (!DATAPATH_ID.matcher(datapathId).matches()) return CompletableFuture.completedFuture(Optional.empty());
    return knownDatapaths().thenCompose(ids -> ids.contains(datapathId)
        ? sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).<RepairReport>ask(DatapathEntity.RepairDatapath::new, askTimeout)
            .exceptionally(failure -> RepairReport.unavailable(datapathId, RepairReport.WHOLE_DATAPATH, "its node did not answer: " + failure.getMessage()))
            .thenApply(Optional::of)
        : CompletableFuture.completedFuture(Optional.empty()));
  }

  /** Asks every known datapath; those that do not serve the network answer NOT_SERVED and are left out. */
  @Override
  public CompletionStage<List<RepairReport>> repairNetwork(String networkId) {
    return knownDatapaths().thenCompose(ids -> {
      List<CompletableFuture<RepairReport>> reports = new ArrayList<>();
      for (String id : ids) {
        reports.add(sharding.entityRefFor(DatapathEntity.ENTITY_KEY, id)
            .<RepairReport>ask(replyTo -> new DatapathEntity.RepairNetwork(networkId, replyTo), askTimeout).toCompletableFuture()
            .exceptionally(failure -> RepairReport.unavailable(id, RepairReport.networkScope(networkId), "its node did not answer: " + failure.getMessage())));
      }
      return CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).thenApply(done -> reports.stream().map(CompletableFuture::join)
          .filter(report -> report.outcome() != RepairOutcome.NOT_SERVED).toList());
    });
  }

  private CompletionStage<List<String>> knownDatapaths() {
    return DatapathStatuses.known(sharding, askTimeout);
  }

  @Override
  public CompletionStage<TraceReport> trace(TraceRequest request) {
    return traces.trace(request);
  }

  private CompletionStage<DatapathStatus> status(String datapathId, Duration timeout) {
    return sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).ask(DatapathEntity.GetStatus::new, timeout);
  }

  /** Closes the listeners and so every switch connection; OVS in fail-mode secure keeps forwarding with what it has. */
  @Override
  public void close() {
    wakingAgain.cancel();
    try {
      openflow.close();
    } finally {
      ovsdb.close();
    }
  }
}
