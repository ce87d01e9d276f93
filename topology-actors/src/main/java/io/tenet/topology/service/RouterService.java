package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.ipam.SubnetIpam;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.GatewayHostRequest;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RouterInterfaceRequest;
import io.tenet.topology.model.RouterPatch;
import io.tenet.topology.model.RouterRequest;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.validation.GatewayHostsValidation;
import io.tenet.topology.validation.RouterValidation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Router life cycle. An interface is a port on the subnet (device owner
 * {@code network:router_interface}) holding the router's IP there, the subnet's gateway by
 * default; the port is created first, under an id derived from router and subnet so a retry
 * reuses it, and removed again if the router refuses the interface.
 */
public final class RouterService {
  private final EntityRefs refs;
  private final Asker asker;
  private final Ownership ownership;
  private final NetworkService networks;
  private final PortService ports;
  private final RouterGatewayService gateways;

  public RouterService(EntityRefs refs, Asker asker, Ownership ownership, NetworkService networks, PortService ports, RouterGatewayService gateways) {
    this.refs = refs;
    this.asker = asker;
    this.ownership = ownership;
    this.networks = networks;
    this.ports = ports;
    this.gateways = gateways;
  }

  public CompletionStage<Outcome<RouterView>> create(Caller caller, String routerId, RouterRequest request) {
    return then(Asker.done(RouterValidation.validate(request.name(), request.adminStateUp(), request.routes())), fields ->
        then(ownership.owner(caller, request.tenantId()), owner ->
            then(ownership.index(owner.view().id(), ResourceKind.ROUTER, routerId, true), indexed ->
                asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId),
                    r -> new RouterEntity.Create(owner.view().id(), fields.name(), fields.adminStateUp(), fields.routes(), caller.origin(), r)))));
  }

  public CompletionStage<Outcome<RouterView>> get(Caller caller, String routerId) {
    return asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId), RouterEntity.Get::new)
        .thenApply(outcome -> Ownership.hideForeign(caller, outcome, RouterView::tenantId, Problem.notFound("router", routerId)));
  }

  public CompletionStage<Outcome<List<RouterView>>> list(Caller caller) {
    return then(ownership.visible(caller), tenants -> Asker.found(tenants.stream()
        .flatMap(tenant -> tenant.ids(ResourceKind.ROUTER).stream())
        .map(id -> get(caller, id)).toList()));
  }

  /** Name, state and routes first; then the external gateway, if the patch names one (or none). */
  public CompletionStage<Outcome<RouterView>> update(Caller caller, String routerId, RouterPatch patch) {
    List<GatewayHostRequest> hostsAsked = patch.externalGateway() == null ? null : patch.externalGateway().hosts();
    return then(get(caller, routerId), current ->
        then(Asker.done(GatewayHostsValidation.validate(caller, hostsAsked)), hosts ->
        then(Asker.done(RouterValidation.validate(patch.name(), patch.adminStateUp(), patch.routes())), fields ->
            then(asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId), r -> new RouterEntity.Update(
                patch.name() == null ? null : fields.name(), patch.adminStateUp(), patch.routes() == null ? null : fields.routes(), caller.origin(), r)),
                updated -> patch.externalGateway() == null ? Asker.done(Outcome.ok(updated)) : gateways.apply(caller, updated, patch.externalGateway())))));
  }

  /** Changes the router's tags. */
  public CompletionStage<Outcome<RouterView>> changeTags(Caller caller, String routerId, TagChange change) {
    return then(get(caller, routerId), current ->
        asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId), r -> new RouterEntity.ChangeTags(change, caller.origin(), r)));
  }

  /** A router with an external gateway loses it first (and its port); one with interfaces is refused. */
  public CompletionStage<Outcome<RouterView>> delete(Caller caller, String routerId) {
    return then(get(caller, routerId), current -> then(current.interfaces().isEmpty() ? gateways.remove(caller, current) : Asker.done(Outcome.ok(current)), bare ->
        then(asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId), r -> new RouterEntity.Delete(caller.origin(), r)), deleted ->
            then(ownership.index(deleted.tenantId(), ResourceKind.ROUTER, routerId, false), unindexed -> Asker.done(Outcome.ok(deleted))))));
  }

  public CompletionStage<Outcome<RouterView>> addInterface(Caller caller, String routerId, RouterInterfaceRequest request) {
    if (request.networkId() == null && request.subnetId() == null) {
      return Asker.done(Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "give network_id and subnet_id (or ip_address)", "network_id")));
    }
    if (request.networkId() == null) {
      return Asker.done(Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "network_id is required", "network_id")));
    }
    return then(get(caller, routerId), router -> {
      Caller owner = Caller.tenant(router.tenantId());
      return then(networks.get(owner, request.networkId()).thenApply(found -> found.notFoundAsField("network_id")), network ->
          then(Asker.done(network.external() ? Outcome.<Subnet>rejected(new Problem(ProblemCode.EXTERNAL_NETWORK, "network " + network.id()
              + " is an external network: set it as the router's external gateway instead of adding an interface", "network_id"))
              : chooseSubnet(network, request)), subnet -> {
            String address = request.ipAddress() != null ? request.ipAddress() : subnet.gatewayIp();
            String portId = Ids.derived(routerId, "interface", subnet.id());
            PortSpec spec = new PortSpec(network.id(), "", null, List.of(new FixedIp(subnet.id(), address)), List.of(), false, true,
                PortSpec.ROUTER_INTERFACE_OWNER, routerId);
            return then(ports.createValidated(owner, caller.origin(), portId, spec), port -> {
              RouterInterface iface = new RouterInterface(port.id(), network.id(), subnet.id(), port.fixedIps().get(0).ipAddress(), subnet.cidr());
              return asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId), r -> new RouterEntity.AddInterface(iface, caller.origin(), r)).thenCompose(added -> {
                if (added instanceof Outcome.Rejected<RouterView> refused && refused.problem().kind() != io.tenet.topology.model.ProblemKind.UNAVAILABLE) {
                  return ports.deleteAs(portId, true, caller.origin()).thenApply(cleaned -> added); // undo: the refused interface leaves no port behind
                }
                return Asker.done(added);
              });
            });
          }));
    });
  }

  /** Removes the interface on a subnet and then its port; answers with the router as it is after. */
  public CompletionStage<Outcome<RouterView>> removeInterface(Caller caller, String routerId, String subnetId) {
    if (subnetId == null) return Asker.done(Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "subnet_id is required", "subnet_id")));
    return then(get(caller, routerId), router ->
        then(asker.<RouterEntity.Command, RouterInterface>ask(refs.router(routerId), r -> new RouterEntity.RemoveInterface(subnetId, caller.origin(), r)), removed ->
            then(ports.deleteAs(removed.portId(), true, caller.origin()), deletedPort -> get(caller, routerId))));
  }

  private static Outcome<Subnet> chooseSubnet(NetworkView network, RouterInterfaceRequest request) {
    List<Subnet> subnets = network.subnets();
    if (request.subnetId() != null) {
      return subnets.stream().filter(s -> s.id().equals(request.subnetId())).findFirst().map(Outcome::ok)
          .orElseGet(() -> Outcome.rejected(Problem.invalid("subnet_id", "subnet " + request.subnetId() + " is not a subnet of network " + network.id())));
    }
    if (request.ipAddress() != null) {
      Ipv4Address ip = Ipv4Address.parse(request.ipAddress()).orElse(null);
      if (ip == null) return Outcome.rejected(Problem.invalid("ip_address", "'" + request.ipAddress() + "' is not an IPv4 address"));
      return subnets.stream().filter(s -> SubnetIpam.cidr(s).contains(ip)).findFirst().map(Outcome::ok)
          .orElseGet(() -> Outcome.rejected(Problem.invalid("ip_address", ip + " is outside every subnet of network " + network.id())));
    }
    if (subnets.size() == 1) return Outcome.ok(subnets.get(0));
    return Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "network " + network.id() + " has " + subnets.size() + " subnets; give subnet_id", "subnet_id"));
  }

}
