package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.dataplane.GatewayHosts;
import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.ExternalGatewayRequest;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemKind;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.router.RouterEntity;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A router's external gateway: its port on the external network (device owner
 * {@code network:router_gateway}, an address from the external subnet, under an id derived from
 * router and network so a retry reuses it), the gateway hypervisors that carry it, and telling
 * those hypervisors. The port is made first and removed again if the router refuses the gateway;
 * hosts are chosen when the gateway is set on a network and kept while it stays there.
 */
public final class RouterGatewayService {
  private static final String HOSTS_FIELD = "external_gateway.hosts";

  private final EntityRefs refs;
  private final Asker asker;
  private final NetworkService networks;
  private final PortService ports;
  private final GatewayHosts gatewayHosts;
  private final GatewayHostChoice hostChoice;

  public RouterGatewayService(EntityRefs refs, Asker asker, NetworkService networks, PortService ports, GatewayHosts gatewayHosts) {
    this.refs = refs;
    this.asker = asker;
    this.networks = networks;
    this.ports = ports;
    this.gatewayHosts = gatewayHosts;
    this.hostChoice = new GatewayHostChoice(gatewayHosts);
  }

  /** Sets, moves or (without a network) removes the router's external gateway. */
  public CompletionStage<Outcome<RouterView>> apply(Caller caller, RouterView router, ExternalGatewayRequest request) {
    if (request.networkId() == null) return remove(caller, router);
    Caller owner = Caller.tenant(router.tenantId());
    return then(networks.get(owner, request.networkId()).thenApply(found -> found.notFoundAsField("external_gateway.network_id")), network -> {
      if (!network.external()) {
        return Asker.done(Outcome.rejected(Problem.invalid("external_gateway.network_id", "network " + network.id() + " is not an external network")));
      }
      if (network.subnets().isEmpty()) {
        return Asker.done(Outcome.rejected(Problem.invalid("external_gateway.network_id", "external network " + network.id() + " has no subnet")));
      }
      ExternalGateway current = router.externalGateway();
      boolean sameNetwork = current != null && current.networkId().equals(network.id());
      String physicalNetwork = network.provider().physicalNetwork();
      CompletionStage<Outcome<List<GatewayHost>>> hosts = request.hosts() != null ? hostChoice.named(physicalNetwork, request.hosts(), HOSTS_FIELD)
          : sameNetwork ? Asker.done(Outcome.ok(current.hosts())) : hostChoice.choose(physicalNetwork, "external_gateway.network_id");
      boolean snat = request.enableSnat() == null || request.enableSnat();
      return then(hosts, chosen -> then(gatewayPort(caller, router, network), port -> {
        FixedIp address = port.fixedIps().get(0);
        Subnet subnet = network.subnets().stream().filter(s -> s.id().equals(address.subnetId())).findFirst().orElseThrow();
        ExternalGateway chosenGateway = new ExternalGateway(network.id(), snat, port.id(), address.ipAddress(), port.macAddress(), subnet.cidr(),
            subnet.gatewayIp(), network.vni(), network.provider(), chosen);
        // hosts an administrator named: the one with the highest priority is active, whichever was
        ExternalGateway gateway = request.hosts() != null ? chosenGateway.withActive(chosen.get(0).datapathId()) : chosenGateway;
        return asker.<RouterEntity.Command, RouterView>ask(refs.router(router.id()), r -> new RouterEntity.SetExternalGateway(gateway, caller.origin(), r))
            .thenCompose(set -> {
              if (set instanceof Outcome.Rejected<RouterView> refused) {
                boolean ownPort = current != null && current.portId().equals(port.id());
                if (ownPort || refused.problem().kind() == ProblemKind.UNAVAILABLE) return Asker.done(set);
                return ports.deleteAs(port.id(), true, caller.origin()).thenApply(undone -> set); // a refused gateway leaves no port behind
              }
              return then(tellHosts(router.id(), current, gateway), told -> sameNetwork ? Asker.done(set)
                  : then(removePort(caller, current), removed -> Asker.done(set)));
            });
      }));
    });
  }

  /** Removes the gateway from the router, then tells its hosts, then deletes its port. */
  public CompletionStage<Outcome<RouterView>> remove(Caller caller, RouterView router) {
    ExternalGateway current = router.externalGateway();
    if (current == null) return Asker.done(Outcome.ok(router));
    return then(asker.<RouterEntity.Command, RouterView>ask(refs.router(router.id()), r -> new RouterEntity.SetExternalGateway(null, caller.origin(), r)),
        removed -> then(tellHosts(router.id(), current, null), told -> then(removePort(caller, current), gone -> Asker.done(Outcome.ok(removed)))));
  }

  private CompletionStage<Outcome<PortView>> gatewayPort(Caller caller, RouterView router, NetworkView network) {
    String portId = Ids.derived(router.id(), "gateway", network.id());
    PortSpec spec = new PortSpec(network.id(), "", null, null, List.of(), false, true, PortSpec.ROUTER_GATEWAY_OWNER, router.id());
    return ports.createValidated(Caller.tenant(router.tenantId()), caller.origin(), portId, spec);
  }

  private CompletionStage<Outcome<String>> removePort(Caller caller, ExternalGateway gateway) {
    if (gateway == null) return Asker.done(Outcome.ok(""));
    return ports.deleteAs(gateway.portId(), true, caller.origin()).thenApply(deleted ->
        deleted instanceof Outcome.Rejected<PortView> refused && refused.problem().code() != ProblemCode.NOT_FOUND
            ? Outcome.rejected(refused.problem()) : Outcome.ok(gateway.portId()));
  }

  /** The router's own view, pushed to the hosts as well, says the same; this waits for the hosts' records. */
  private CompletionStage<Outcome<String>> tellHosts(String routerId, ExternalGateway before, ExternalGateway after) {
    return GatewayHostsTold.tell(before == null ? List.of() : before.hosts(), after == null ? List.of() : after.hosts(),
        (datapathId, hosting) -> gatewayHosts.host(datapathId, routerId, hosting), "the router's gateway", routerId);
  }
}
