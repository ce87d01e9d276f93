package io.tenet.topology;

import io.tenet.topology.dataplane.GatewayHosts;
import io.tenet.topology.history.QueryJournal;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.service.Asker;
import io.tenet.topology.service.FloatingIpService;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.L2GatewayService;
import io.tenet.topology.service.NetworkService;
import io.tenet.topology.service.Ownership;
import io.tenet.topology.service.PortService;
import io.tenet.topology.service.RouterGatewayService;
import io.tenet.topology.service.RouterService;
import io.tenet.topology.service.SecurityGroupService;
import io.tenet.topology.service.TenantService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;

/** The management plane's entry point: one service per resource, over sharded entities. */
public record Topology(
    TenantService tenants,
    NetworkService networks,
    PortService ports,
    SecurityGroupService securityGroups,
    RouterService routers,
    FloatingIpService floatingIps,
    L2GatewayService l2Gateways,
    HistoryService history,
    EntityRefs entities) {

  public static Topology start(ActorSystem<?> system, Duration askTimeout) {
    return start(system, askTimeout, DataplaneSink.none());
  }

  public static Topology start(ActorSystem<?> system, Duration askTimeout, DataplaneSink dataplane) {
    return start(system, askTimeout, dataplane, GatewayHosts.none());
  }

  /**
   * {@code dataplane}: where networks publish their data-plane views (see {@link EntityRefs#init(ActorSystem, DataplaneSink)});
   * {@code gatewayHosts}: where routers' external gateways and layer-2 gateways may run.
   */
  public static Topology start(ActorSystem<?> system, Duration askTimeout, DataplaneSink dataplane, GatewayHosts gatewayHosts) {
    EntityRefs refs = EntityRefs.init(system, dataplane);
    Asker asker = new Asker(system, askTimeout);
    TenantService tenants = new TenantService(refs, asker);
    Ownership ownership = new Ownership(tenants, refs, asker);
    NetworkService networks = new NetworkService(refs, asker, ownership);
    AtomicReference<PortService> portsLater = new AtomicReference<>(); // groups check ports before deletion; ports check groups on create
    SecurityGroupService groups = new SecurityGroupService(refs, asker, ownership, portsLater::get);
    AtomicReference<FloatingIpService> floatingIpsLater = new AtomicReference<>();
    PortService ports = new PortService(refs, asker, ownership, networks, groups, floatingIpsLater::get);
    portsLater.set(ports);
    RouterService routers = new RouterService(refs, asker, ownership, networks, ports, new RouterGatewayService(refs, asker, networks, ports, gatewayHosts));
    FloatingIpService floatingIps = new FloatingIpService(refs, asker, ownership, networks, ports, routers);
    floatingIpsLater.set(floatingIps);
    L2GatewayService l2Gateways = new L2GatewayService(refs, asker, ownership, networks, gatewayHosts);
    return new Topology(tenants, networks, ports, groups, routers, floatingIps, l2Gateways, new HistoryService(new QueryJournal(system)), refs);
  }
}
