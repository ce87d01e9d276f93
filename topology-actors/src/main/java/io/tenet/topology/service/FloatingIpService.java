package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.floatingip.FloatingIpEntity;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.FloatingIpBinding;
import io.tenet.topology.model.FloatingIpPatch;
import io.tenet.topology.model.FloatingIpRequest;
import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.tenant.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Floating IPs: an address of an external network held by a port there (device owner
 * {@code network:floatingip}, id derived from the floating IP's), and its association with a
 * port behind a router whose gateway is on that network. Where a floating IP goes is checked
 * before anything is made, so a refused create changes nothing. Associating attaches the binding
 * to the router first (the translation) and records it in the floating IP after; dissociating
 * goes the other way round from the router.
 */
public final class FloatingIpService {
  private final EntityRefs refs;
  private final Asker asker;
  private final Ownership ownership;
  private final NetworkService networks;
  private final PortService ports;
  private final RouterService routers;

  public FloatingIpService(EntityRefs refs, Asker asker, Ownership ownership, NetworkService networks, PortService ports, RouterService routers) {
    this.refs = refs;
    this.asker = asker;
    this.ownership = ownership;
    this.networks = networks;
    this.ports = ports;
    this.routers = routers;
  }

  /** Where an associated floating IP points: the port, its address there, the router translating it. */
  private record Target(String portId, String fixedIp, String routerId) {}

  public CompletionStage<Outcome<FloatingIpView>> create(Caller caller, String floatingIpId, FloatingIpRequest request) {
    if (request.floatingNetworkId() == null) {
      return Asker.done(Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "floating_network_id names the external network", "floating_network_id")));
    }
    return then(ownership.owner(caller, request.tenantId()), owner -> {
      String tenantId = owner.view().id();
      Caller tenant = Caller.tenant(tenantId);
      return then(externalNetwork(tenant, request.floatingNetworkId()), network ->
          then(Asker.done(requestedAddress(network, request.floatingIpAddress())), address ->
              then(request.portId() == null ? Asker.done(Outcome.ok(Optional.<Target>empty()))
                  : target(tenant, network.id(), request.portId(), request.fixedIpAddress()).thenApply(found -> found.map(Optional::of)), target ->
                  then(ownership.index(tenantId, ResourceKind.FLOATING_IP, floatingIpId, true), indexed ->
                      then(ports.createValidated(tenant, caller.origin(), Ids.derived(floatingIpId, "floating-ip"),
                          new PortSpec(network.id(), "", null, address, List.of(), false, true, PortSpec.FLOATING_IP_OWNER, floatingIpId)), port ->
                          then(asker.<FloatingIpEntity.Command, FloatingIpView>ask(refs.floatingIp(floatingIpId), r -> new FloatingIpEntity.Create(tenantId,
                              network.id(), port.id(), port.fixedIps().get(0).ipAddress(), caller.origin(), r)), created ->
                              target.isEmpty() ? Asker.done(Outcome.ok(created)) : associate(caller, created, target.get())))))));
    });
  }

  public CompletionStage<Outcome<FloatingIpView>> get(Caller caller, String floatingIpId) {
    return asker.<FloatingIpEntity.Command, FloatingIpView>ask(refs.floatingIp(floatingIpId), FloatingIpEntity.Get::new)
        .thenApply(outcome -> Ownership.hideForeign(caller, outcome, FloatingIpView::tenantId, Problem.notFound("floating IP", floatingIpId)));
  }

  public CompletionStage<Outcome<List<FloatingIpView>>> list(Caller caller) {
    return then(ownership.visible(caller), tenants -> Asker.found(tenants.stream()
        .flatMap(tenant -> tenant.ids(ResourceKind.FLOATING_IP).stream())
        .map(id -> get(caller, id)).toList()));
  }

  /** Associates with the patch's port (moving from where it was), or dissociates without one. */
  public CompletionStage<Outcome<FloatingIpView>> update(Caller caller, String floatingIpId, FloatingIpPatch patch) {
    return then(get(caller, floatingIpId), current -> {
      if (patch.portId() == null) return dissociate(caller, current);
      return then(target(Caller.tenant(current.tenantId()), current.floatingNetworkId(), patch.portId(), patch.fixedIpAddress()),
          target -> associate(caller, current, target));
    });
  }

  /** Changes the floating IP's tags. */
  public CompletionStage<Outcome<FloatingIpView>> changeTags(Caller caller, String floatingIpId, TagChange change) {
    return then(get(caller, floatingIpId), current ->
        asker.<FloatingIpEntity.Command, FloatingIpView>ask(refs.floatingIp(floatingIpId), r -> new FloatingIpEntity.ChangeTags(change, caller.origin(), r)));
  }

  /** Dissociates first, then deletes the floating IP and its port, and unindexes it last. */
  public CompletionStage<Outcome<FloatingIpView>> delete(Caller caller, String floatingIpId) {
    return then(get(caller, floatingIpId), current -> then(dissociate(caller, current), bare ->
        then(asker.<FloatingIpEntity.Command, FloatingIpView>ask(refs.floatingIp(floatingIpId), r -> new FloatingIpEntity.Delete(caller.origin(), r)), deleted ->
            then(ports.deleteAs(deleted.externalPortId(), true, caller.origin()).thenApply(gone ->
                    gone instanceof Outcome.Rejected<PortView> refused && refused.problem().code() != ProblemCode.NOT_FOUND ? Outcome.<String>rejected(refused.problem())
                        : Outcome.ok(deleted.externalPortId())),
                portGone -> then(ownership.index(deleted.tenantId(), ResourceKind.FLOATING_IP, floatingIpId, false), unindexed -> Asker.done(Outcome.ok(deleted)))))));
  }

  /** Dissociates every floating IP standing for the port (found in its tenant's routers): the port is about to go. */
  CompletionStage<Outcome<List<String>>> dissociatePort(Caller caller, String tenantId, String portId) {
    return then(routers.list(Caller.tenant(tenantId)), all -> {
      List<CompletionStage<Outcome<String>>> dissociated = new java.util.ArrayList<>();
      for (RouterView router : all) {
        for (FloatingIpBinding binding : router.floatingIps()) {
          if (binding.portId().equals(portId)) dissociated.add(dissociate(caller, router.id(), binding.floatingIpId()));
        }
      }
      return Asker.all(dissociated);
    });
  }

  /** The router stops translating, then the floating IP (if it still exists) records that it stands for nothing. */
  private CompletionStage<Outcome<String>> dissociate(Caller caller, String routerId, String floatingIpId) {
    return then(asker.<RouterEntity.Command, RouterView>ask(refs.router(routerId), r -> new RouterEntity.DetachFloatingIp(floatingIpId, caller.origin(), r)),
        detached -> asker.<FloatingIpEntity.Command, FloatingIpView>ask(refs.floatingIp(floatingIpId), r -> new FloatingIpEntity.Associate(null, null, null, caller.origin(), r))
            .thenApply(recorded -> recorded instanceof Outcome.Rejected<FloatingIpView> refused && refused.problem().code() != ProblemCode.NOT_FOUND
                ? Outcome.<String>rejected(refused.problem()) : Outcome.ok(floatingIpId)));
  }

  private CompletionStage<Outcome<FloatingIpView>> associate(Caller caller, FloatingIpView current, Target target) {
    FloatingIpBinding binding = new FloatingIpBinding(current.id(), current.floatingIpAddress(), target.fixedIp(), target.portId());
    CompletionStage<Outcome<RouterView>> leftOld = current.routerId() == null || current.routerId().equals(target.routerId()) ? Asker.done(Outcome.ok(null))
        : asker.ask(refs.router(current.routerId()), r -> new RouterEntity.DetachFloatingIp(current.id(), caller.origin(), r));
    return then(leftOld, left -> then(asker.<RouterEntity.Command, RouterView>ask(refs.router(target.routerId()),
            r -> new RouterEntity.AttachFloatingIp(binding, caller.origin(), r)), attached ->
        asker.ask(refs.floatingIp(current.id()), r -> new FloatingIpEntity.Associate(target.portId(), target.fixedIp(), target.routerId(), caller.origin(), r))));
  }

  private CompletionStage<Outcome<FloatingIpView>> dissociate(Caller caller, FloatingIpView current) {
    if (current.routerId() == null) return Asker.done(Outcome.ok(current));
    return then(dissociate(caller, current.routerId(), current.id()), done -> get(caller, current.id()));
  }

  private CompletionStage<Outcome<NetworkView>> externalNetwork(Caller tenant, String networkId) {
    return networks.get(tenant, networkId).thenApply(found -> found.notFoundAsField("floating_network_id").flatMap(network -> network.external()
        ? Outcome.ok(network) : Outcome.rejected(Problem.invalid("floating_network_id", "network " + networkId + " is not an external network"))));
  }

  /** The address asked for, on one of the network's subnets; null (any free address) when none was asked for. */
  private static Outcome<List<FixedIp>> requestedAddress(NetworkView network, String address) {
    if (address == null) return Outcome.ok(null);
    Optional<Ipv4Address> ip = Ipv4Address.parse(address);
    if (ip.isEmpty()) return Outcome.rejected(Problem.invalid("floating_ip_address", "'" + address + "' is not an IPv4 address"));
    for (Subnet subnet : network.subnets()) {
      if (Ipv4Cidr.parse(subnet.cidr()).orElseThrow().contains(ip.get())) return Outcome.ok(List.of(new FixedIp(subnet.id(), address)));
    }
    return Outcome.rejected(Problem.invalid("floating_ip_address", address + " is on no subnet of external network " + network.id()));
  }

  /** The port, its address, and the tenant's router that joins the port's subnet and has its gateway on the floating IP's network. */
  private CompletionStage<Outcome<Target>> target(Caller tenant, String externalNetworkId, String portId, String fixedIp) {
    return then(ports.get(tenant, portId).thenApply(found -> found.notFoundAsField("port_id")), port -> {
      String address = fixedIp != null ? fixedIp : port.fixedIps().isEmpty() ? null : port.fixedIps().get(0).ipAddress();
      if (address == null || port.fixedIps().stream().noneMatch(ip -> ip.ipAddress().equals(address))) {
        String field = fixedIp != null ? "fixed_ip_address" : "port_id";
        return Asker.done(Outcome.rejected(Problem.invalid(field, "port " + portId + " has no address " + (address == null ? "" : address))));
      }
      Ipv4Address fixed = Ipv4Address.parse(address).orElseThrow();
      return then(routers.list(tenant), all -> Asker.done(all.stream()
          .filter(router -> router.externalGateway() != null && router.externalGateway().networkId().equals(externalNetworkId))
          .filter(router -> router.interfaces().stream().anyMatch(iface -> iface.networkId().equals(port.networkId())
              && Ipv4Cidr.parse(iface.cidr()).orElseThrow().contains(fixed)))
          .findFirst()
          .map(router -> Outcome.ok(new Target(portId, address, router.id())))
          .orElseGet(() -> Outcome.rejected(new Problem(ProblemCode.EXTERNAL_UNREACHABLE, "external network " + externalNetworkId + " is not reachable from "
              + address + " of port " + portId + ": no router joins its subnet with a gateway on that network", "port_id")))));
    });
  }
}
