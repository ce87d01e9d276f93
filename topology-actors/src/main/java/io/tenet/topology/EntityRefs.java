package io.tenet.topology;

import io.tenet.topology.floatingip.FloatingIpEntity;
import io.tenet.topology.health.JournalWriteCheck;
import io.tenet.topology.health.WriteProbe;
import io.tenet.topology.metrics.NodeMetrics;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.port.PortEntity;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import io.tenet.topology.tenant.TenantDirectory;
import io.tenet.topology.tenant.TenantEntity;
import io.tenet.topology.vni.VniRegistry;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Registers every topology entity type with cluster sharding and hands out references to them.
 * Ports and networks are remembered entities: a port whose create or delete saga was cut by a
 * crash, or a deleted network whose VNI is not yet back in the registry, is restarted by
 * sharding and finishes without waiting for a client.
 */
public final class EntityRefs {
  /** The probe entity whose writes tell the shard coordinators whether the journal is writable. */
  private static final String REBALANCE_PROBE_ID = "rebalance-gate";
  private final ClusterSharding sharding;
  private final ClusterShardingSettings defaults;
  private final JournalWriteCheck journalWrites;

  private EntityRefs(ClusterSharding sharding, ClusterShardingSettings defaults) {
    this.sharding = sharding;
    this.defaults = defaults;
    this.journalWrites = new JournalWriteCheck(() -> writeProbe(REBALANCE_PROBE_ID));
  }

  /** Networks publish their data-plane view nowhere: for nodes and tests without datapaths. */
  public static EntityRefs init(ActorSystem<?> system) {
    return init(system, DataplaneSink.none());
  }

  /** {@code dataplane} receives every network's view for each datapath hosting its ports. */
  public static EntityRefs init(ActorSystem<?> system, DataplaneSink dataplane) {
    ClusterSharding sharding = ClusterSharding.get(system);
    EntityRefs refs = new EntityRefs(sharding, ClusterShardingSettings.create(system));
    NodeMetrics metrics = NodeMetrics.get(system);
    sharding.init(refs.gated(Entity.of(TenantDirectory.ENTITY_KEY, ctx -> metrics.watchPersistence(TenantDirectory.ENTITY_KEY, TenantDirectory.create()))));
    sharding.init(refs.gated(Entity.of(VniRegistry.ENTITY_KEY, ctx -> metrics.watchPersistence(VniRegistry.ENTITY_KEY, VniRegistry.create()))));
    sharding.init(refs.gated(Entity.of(TenantEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(TenantEntity.ENTITY_KEY, LogIds.tagged("tenant", ctx.getEntityId(), TenantEntity.create(ctx.getEntityId()))))));
    sharding.init(refs.gated(Entity.of(NetworkEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(NetworkEntity.ENTITY_KEY, LogIds.tagged("network", ctx.getEntityId(), NetworkEntity.create(ctx.getEntityId(), refs::vniRegistry, dataplane))))
        .withSettings(RememberedEntities.settings(system))));
    sharding.init(refs.gated(Entity.of(SecurityGroupEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(SecurityGroupEntity.ENTITY_KEY, LogIds.tagged("security_group", ctx.getEntityId(), SecurityGroupEntity.create(ctx.getEntityId(), dataplane))))));
    sharding.init(refs.gated(Entity.of(RouterEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(RouterEntity.ENTITY_KEY, LogIds.tagged("router", ctx.getEntityId(), RouterEntity.create(ctx.getEntityId(), dataplane))))));
    sharding.init(refs.gated(Entity.of(PortEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(PortEntity.ENTITY_KEY, LogIds.tagged("port", ctx.getEntityId(), PortEntity.create(ctx.getEntityId(), refs::network))))
        .withSettings(RememberedEntities.settings(system))));
    sharding.init(refs.gated(Entity.of(FloatingIpEntity.ENTITY_KEY, ctx -> metrics.watchPersistence(FloatingIpEntity.ENTITY_KEY, LogIds.tagged("floating_ip", ctx.getEntityId(), FloatingIpEntity.create(ctx.getEntityId()))))));
    sharding.init(refs.gated(Entity.of(WriteProbe.ENTITY_KEY, ctx -> metrics.watchPersistence(WriteProbe.ENTITY_KEY, WriteProbe.create(ctx.getEntityId())))));
    List.of(TenantDirectory.ENTITY_KEY, VniRegistry.ENTITY_KEY, TenantEntity.ENTITY_KEY, NetworkEntity.ENTITY_KEY, SecurityGroupEntity.ENTITY_KEY,
        RouterEntity.ENTITY_KEY, PortEntity.ENTITY_KEY, FloatingIpEntity.ENTITY_KEY, WriteProbe.ENTITY_KEY).forEach(metrics::countEntities);
    return refs;
  }

  /**
   * {@code entity} with Pekko's default shard allocation, except that its shards are not rebalanced
   * while the journal cannot be written ({@link JournalGatedAllocation}). Every entity type gets it.
   */
  public <M, E> Entity<M, E> gated(Entity<M, E> entity) {
    return entity.withAllocationStrategy(new JournalGatedAllocation(entity.typeKey().name(), sharding.defaultShardAllocationStrategy(defaults), journalWrites));
  }

  public EntityRef<WriteProbe.Command> writeProbe(String id) {
    return sharding.entityRefFor(WriteProbe.ENTITY_KEY, id);
  }

  public EntityRef<TenantDirectory.Command> tenantDirectory() {
    return sharding.entityRefFor(TenantDirectory.ENTITY_KEY, TenantDirectory.ENTITY_ID);
  }

  public EntityRef<VniRegistry.Command> vniRegistry() {
    return sharding.entityRefFor(VniRegistry.ENTITY_KEY, VniRegistry.ENTITY_ID);
  }

  public EntityRef<TenantEntity.Command> tenant(String id) {
    return sharding.entityRefFor(TenantEntity.ENTITY_KEY, id);
  }

  public EntityRef<NetworkEntity.Command> network(String id) {
    return sharding.entityRefFor(NetworkEntity.ENTITY_KEY, id);
  }

  public EntityRef<PortEntity.Command> port(String id) {
    return sharding.entityRefFor(PortEntity.ENTITY_KEY, id);
  }

  public EntityRef<SecurityGroupEntity.Command> securityGroup(String id) {
    return sharding.entityRefFor(SecurityGroupEntity.ENTITY_KEY, id);
  }

  public EntityRef<RouterEntity.Command> router(String id) {
    return sharding.entityRefFor(RouterEntity.ENTITY_KEY, id);
  }

  public EntityRef<FloatingIpEntity.Command> floatingIp(String id) {
    return sharding.entityRefFor(FloatingIpEntity.ENTITY_KEY, id);
  }
}
