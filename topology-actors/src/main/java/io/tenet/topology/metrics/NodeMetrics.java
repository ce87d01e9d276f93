package io.tenet.topology.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Every metric of one node, one registry per actor system (so several nodes in one JVM never
 * share counts). Modules record into the families here; {@link #scrape()} renders them.
 */
public final class NodeMetrics implements Extension {
  private static final ExtensionId<NodeMetrics> ID = new ExtensionId<>() {
    @Override
    public NodeMetrics createExtension(ActorSystem<?> system) {
      return new NodeMetrics(system);
    }
  };

  private final MetricRegistry registry = new MetricRegistry();
  private final EntityCounts entityCounts;

  private final Counter apiRequests = registry.counter("tenet_api_requests_total",
      "HTTP API requests answered, by method, route template and status code", "method", "route", "status");
  private final Histogram apiRequestDuration = registry.histogram("tenet_api_request_duration_seconds",
      "Time from request to response of the HTTP API, by method, route template and status code", Histogram.SECONDS, "method", "route", "status");
  private final Counter flowModsSent = registry.counter("tenet_openflow_flow_mods_sent_total",
      "OpenFlow flow-mod messages sent to switches by this node");
  private final Counter groupModsSent = registry.counter("tenet_openflow_group_mods_sent_total",
      "OpenFlow group-mod messages sent to switches by this node");
  private final Counter barriersSent = registry.counter("tenet_openflow_barriers_sent_total",
      "OpenFlow barrier requests sent to switches by this node (one per batch of changes)");
  private final Histogram reconcileDuration = registry.histogram("tenet_datapath_reconcile_duration_seconds",
      "Time to apply one reconcile batch to a datapath (the difference sent until its barrier is answered), by outcome", Histogram.SECONDS, "outcome");
  private final Counter repairedFlows = registry.counter("tenet_datapath_repaired_flows_total",
      "Flows a repair found differing from the compiled tables and fixed, by trigger (verification or request) and change (restored, corrected, removed)",
      "trigger", "change");
  private final Gauge openflowConnections = registry.gauge("tenet_openflow_connections",
      "OpenFlow connections of switches to this node, by the role this node holds on them", "role");
  private final Gauge ovsdbConnections = registry.gauge("tenet_ovsdb_connections",
      "OVSDB connections of hypervisors to this node");
  private final Gauge clusterMembers = registry.gauge("tenet_cluster_members",
      "Cluster members as this node sees them, by member status", "status");
  private final Gauge clusterUnreachableMembers = registry.gauge("tenet_cluster_unreachable_members",
      "Cluster members this node's failure detector finds unreachable");
  private final Gauge entities = registry.gauge("tenet_entities",
      "Sharded entities running on this node, by entity type", "entity_type");
  private final Counter persistenceFailures = registry.counter("tenet_persistence_failures_total",
      "Journal writes or recoveries that failed and stopped an entity, by entity type", "entity_type");
  private final Counter storageUnavailable = registry.counter("tenet_storage_unavailable_total",
      "Operations answered storage_unavailable because an entity did not confirm in time");
  private final Gauge liveThreads = registry.gauge("tenet_jvm_live_threads",
      "Threads alive in the node's JVM");
  private final Gauge threadsStarted = registry.gauge("tenet_jvm_threads_started",
      "Threads the node's JVM has started since it began; a steep rise means work that should run on a pool starts threads");

  private NodeMetrics(ActorSystem<?> system) {
    this.entityCounts = new EntityCounts(system, entities);
    ClusterMembers.register(system, clusterMembers, clusterUnreachableMembers);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    liveThreads.sourceOfOne(() -> (double) threads.getThreadCount());
    threadsStarted.sourceOfOne(() -> (double) threads.getTotalStartedThreadCount());
  }

  public static NodeMetrics get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** Entities of {@code type} are counted in {@link #entities()} from now on. */
  public void countEntities(EntityTypeKey<?> type) {
    entityCounts.count(type);
  }

  /** Counts the journal failures of one entity type's entities in {@link #persistenceFailures()}. */
  public <T> Behavior<T> watchPersistence(EntityTypeKey<T> type, Behavior<T> entity) {
    return PersistenceFailures.counted(entity, EntityTypeLabel.of(type.name()), persistenceFailures);
  }

  /** The text exposition of every family, after reading what is only known by asking (entity counts). */
  public CompletionStage<String> scrape() {
    return entityCounts.refresh().thenApply(refreshed -> registry.scrape());
  }

  public Counter apiRequests() {
    return apiRequests;
  }

  public Histogram apiRequestDuration() {
    return apiRequestDuration;
  }

  public Counter flowModsSent() {
    return flowModsSent;
  }

  public Counter groupModsSent() {
    return groupModsSent;
  }

  public Counter barriersSent() {
    return barriersSent;
  }

  public Histogram reconcileDuration() {
    return reconcileDuration;
  }

  public Counter repairedFlows() {
    return repairedFlows;
  }

  public Gauge openflowConnections() {
    return openflowConnections;
  }

  public Gauge ovsdbConnections() {
    return ovsdbConnections;
  }

  public Gauge clusterMembers() {
    return clusterMembers;
  }

  public Gauge clusterUnreachableMembers() {
    return clusterUnreachableMembers;
  }

  public Gauge entities() {
    return entities;
  }

  public Counter persistenceFailures() {
    return persistenceFailures;
  }

  public Counter storageUnavailable() {
    return storageUnavailable;
  }

  public MetricRegistry registry() {
    return registry;
  }
}
