package io.tenet.switches.datapath;

import io.tenet.topology.dataplane.GatewayHosts;
import io.tenet.topology.model.GatewayHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Gateway hosts as the datapaths report them: every datapath the directory lists whose hypervisor
 * is connected, may host gateways and has br-int linked to the physical network. Usable before the
 * switch listeners start (it only needs sharding).
 */
public final class DatapathGatewayHosts implements GatewayHosts {
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public DatapathGatewayHosts(ActorSystem<?> system, Duration askTimeout) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<List<GatewayHost>> candidates(String physicalNetwork) {
    return DatapathStatuses.all(sharding, askTimeout).thenApply(statuses -> statuses.stream()
        .filter(status -> status.ovsdbConnected() && status.gateway() && status.physicalNetworks().contains(physicalNetwork))
        .map(status -> new GatewayHost(status.datapathId(), status.hostname(), status.encapIp(), 0)).toList());
  }

  @Override
  public CompletionStage<Done> host(String datapathId, String routerId, boolean hosting) {
    return sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).ask(replyTo -> new DatapathEntity.HostGateway(routerId, hosting, replyTo), askTimeout);
  }

  @Override
  public CompletionStage<Done> bridge(String datapathId, String networkId, boolean hosting) {
    return sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).ask(replyTo -> new DatapathEntity.HostBridge(networkId, hosting, replyTo), askTimeout);
  }
}
