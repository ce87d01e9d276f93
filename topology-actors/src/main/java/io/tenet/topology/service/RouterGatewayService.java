package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.dataplane.GatewayHosts;
import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.ExternalGatewayRequest;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.GatewayHostRequest;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * A router's external gateway: its port on the external network (device owner
 * {@code network:router_gateway}, an address from the external subnet, under an id derived from
 * router and network so a retry reuses it), the gateway hypervisors that carry it, and telling
 * those hypervisors. The port is made first and removed again if the router refuses the gateway;
 * hosts are chosen when the gateway is set on a network and kept while it stays there.
 */
public final class RouterGatewayService {
  /** How many hypervisors carry one gateway: one active, the others standing by in priority order. */
  static final int HOSTS_PER_GATEWAY = 3;

  private final EntityRefs refs;
  private final Asker asker;
  private final NetworkService networks;
  private final PortService ports;
  private final GatewayHosts gatewayHosts;

  public RouterGatewayService(EntityRefs refs, Asker asker, NetworkService networks, PortService ports, GatewayHosts gatewayHosts) {
    this.refs = refs;
    this.asker = asker;
    this.networks = networks;
    this.ports = ports;
    this.gatewayHosts = gatewayHosts;
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
      CompletionStage<Outcome<List<GatewayHost>>> hosts = request.hosts() != null ? namedHosts(network, request.hosts())
          : sameNetwork ? Asker.done(Outcome.ok(current.hosts())) : chooseHosts(network);
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

  /** The hypervisors linked to the network's physical network, up to {@link #HOSTS_PER_GATEWAY}, by name; the first has the highest priority. */
  private CompletionStage<Outcome<List<GatewayHost>>> chooseHosts(NetworkView network) {
    String physicalNetwork = network.provider().physicalNetwork();
    return gatewayHosts.candidates(physicalNetwork).thenApply(candidates -> {
      List<GatewayHost> ranked = candidates.stream().sorted(Comparator.comparing(GatewayHost::hostname).thenComparing(GatewayHost::datapathId))
          .limit(HOSTS_PER_GATEWAY).toList();
      if (ranked.isEmpty()) {
        return Outcome.rejected(new Problem(ProblemCode.NO_GATEWAY_HOST, "no hypervisor that may host gateways (tenet-gateway=true) is linked to physical network "
            + physicalNetwork + " (tenet-bridge-mappings) right now", "external_gateway.network_id"));
      }
      List<GatewayHost> prioritized = new ArrayList<>();
      for (int i = 0; i < ranked.size(); i++) {
        GatewayHost host = ranked.get(i);
        prioritized.add(new GatewayHost(host.datapathId(), host.hostname(), host.encapIp(), ranked.size() - i));
      }
      return Outcome.ok(List.copyOf(prioritized));
    });
  }

  /** The hosts an administrator named (validated), by priority: each must be a gateway hypervisor linked to the network's physical network now. */
  private CompletionStage<Outcome<List<GatewayHost>>> namedHosts(NetworkView network, List<GatewayHostRequest> named) {
    String physicalNetwork = network.provider().physicalNetwork();
    return gatewayHosts.candidates(physicalNetwork).thenApply(candidates -> {
      List<GatewayHost> hosts = new ArrayList<>();
      for (int i = 0; i < named.size(); i++) {
        GatewayHostRequest wanted = named.get(i);
        GatewayHost found = candidates.stream().filter(c -> c.hostname().equals(wanted.hostname())).findFirst().orElse(null);
        if (found == null) {
          return Outcome.<List<GatewayHost>>rejected(new Problem(ProblemCode.NO_GATEWAY_HOST, "hypervisor " + wanted.hostname()
              + " may not host gateways on physical network " + physicalNetwork + " right now (tenet-gateway=true, tenet-bridge-mappings, connected)",
              "external_gateway.hosts[" + i + "].hostname"));
        }
        hosts.add(new GatewayHost(found.datapathId(), found.hostname(), found.encapIp(), wanted.priority()));
      }
      hosts.sort(Comparator.comparingInt(GatewayHost::priority).reversed());
      return Outcome.ok(List.copyOf(hosts));
    });
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

  /**
   * Each host of the new gateway records that it carries it, each host only of the old one that it
   * no longer does. The router's own view, pushed to them as well, says the same; this waits for it.
   */
  private CompletionStage<Outcome<String>> tellHosts(String routerId, ExternalGateway before, ExternalGateway after) {
    Set<String> hosting = ids(after);
    Set<String> leaving = ids(before);
    leaving.removeAll(hosting);
    List<CompletableFuture<?>> told = new ArrayList<>();
    hosting.forEach(datapathId -> told.add(gatewayHosts.host(datapathId, routerId, true).toCompletableFuture()));
    leaving.forEach(datapathId -> told.add(gatewayHosts.host(datapathId, routerId, false).toCompletableFuture()));
    return CompletableFuture.allOf(told.toArray(CompletableFuture[]::new)).handle((done, failure) -> failure == null ? Outcome.ok(routerId)
        : Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, "the router's gateway was recorded but not every gateway hypervisor ("
            + String.join(", ", hosting) + ") confirmed it in time; retry the same request")));
  }

  private static Set<String> ids(ExternalGateway gateway) {
    return gateway == null ? new TreeSet<>() : gateway.hosts().stream().map(GatewayHost::datapathId).collect(Collectors.toCollection(TreeSet::new));
  }
}
