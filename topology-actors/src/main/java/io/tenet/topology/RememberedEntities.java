package io.tenet.topology;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Sharding settings of the entity types that sharding restarts by itself (ports, networks,
 * datapaths). Their remembered ids live in distributed data kept durably on each node's disk,
 * not in the journal, so that starting a new entity while Cassandra is down fails only that
 * entity's request instead of stopping every live entity of its shard.
 *
 * <p>They run on their own role because sharding gives each role one replicator, configured by
 * the first entity type started with that role: a type without remembered entities started
 * first would leave the replicator without durable storage, and the remembered ids would
 * survive only as long as some node runs.
 */
public final class RememberedEntities {
  /** Every controller node carries this role (application.conf: pekko.cluster.roles). */
  public static final String ROLE = "controller";

  private RememberedEntities() {}

  public static ClusterShardingSettings settings(ActorSystem<?> system) {
    if (!Cluster.get(system).selfMember().hasRole(ROLE)) {
      throw new IllegalStateException("this node lacks the cluster role '" + ROLE + "' (pekko.cluster.roles): it could not host ports, networks or datapaths");
    }
    return ClusterShardingSettings.create(system).withRememberEntities(true).withRole(ROLE);
  }
}
