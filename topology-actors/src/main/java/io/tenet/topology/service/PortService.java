package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.floatingip.FloatingIpEntity;
import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.port.PortEntity;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.validation.PortValidation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Port life cycle. Address reservation is the port entity's saga with its network. */
public final class PortService {
  /** A network answers realization from memory; one that does not within this is restarting or recovering. */
  static final Duration REALIZATION_READ = Duration.ofSeconds(2);
  private final EntityRefs refs;
  private final Asker asker;
  private final Ownership ownership;
  private final NetworkService networks;
  private final SecurityGroupService securityGroups;
  private final Supplier<FloatingIpService> floatingIps;

  /** {@code floatingIps}: made after the ports (it needs them); a deleted port's floating IPs are dissociated through it. */
  public PortService(EntityRefs refs, Asker asker, Ownership ownership, NetworkService networks, SecurityGroupService securityGroups,
      Supplier<FloatingIpService> floatingIps) {
    this.refs = refs;
    this.asker = asker;
    this.ownership = ownership;
    this.networks = networks;
    this.securityGroups = securityGroups;
    this.floatingIps = floatingIps;
  }

  public CompletionStage<Outcome<PortView>> create(Caller caller, String portId, PortRequest request) {
    if (PortSpec.isManaged(request.deviceOwner())) {
      return Asker.done(Outcome.rejected(Problem.invalid("device_owner", "device_owner " + request.deviceOwner()
          + " is set by Tenet itself; add a router interface, an external gateway or a floating IP instead")));
    }
    return then(ownership.owner(caller, request.tenantId()), owner -> {
      Outcome<PortSpec> validated = PortValidation.validate(request, owner.view().defaultSecurityGroupId());
      return then(Asker.done(validated), spec -> createValidated(Caller.tenant(owner.view().id()), caller.origin(), portId, spec));
    });
  }

  /** Also used by routers for their interface and gateway ports, which skip the device-owner check above. */
  CompletionStage<Outcome<PortView>> createValidated(Caller owner, Origin origin, String portId, PortSpec spec) {
    return then(networks.get(owner, spec.networkId()).thenApply(network -> network.notFoundAsField("network_id"))
        .thenApply(network -> spec.belongsOnExternalNetwork() ? network : notExternal(network)), network ->
        then(securityGroups.exist(owner, "security_group_ids", spec.securityGroupIds()), groupsExist ->
            then(asker.<PortEntity.Command, PortView>ask(refs.port(portId), r -> new PortEntity.Create(owner.tenantId(), spec, origin, r)), this::withRealizationIfKnown)));
  }

  /** Nothing is plugged into an external network directly: routers' gateways and floating IPs reach it. */
  private static Outcome<NetworkView> notExternal(Outcome<NetworkView> network) {
    if (network instanceof Outcome.Ok<NetworkView> ok && ok.value().external()) {
      return Outcome.rejected(new Problem(ProblemCode.EXTERNAL_NETWORK, "network " + ok.value().id()
          + " is an external network: ports cannot be created on it; reach it through a router's external gateway or a floating IP", "network_id"));
    }
    return network;
  }

  /** The port with its realization, as the API shows it (ACTIVE only once its flows are confirmed). */
  public CompletionStage<Outcome<PortView>> get(Caller caller, String portId) {
    return then(find(caller, portId), this::withRealizationIfKnown);
  }

  /** The port as its entity holds it, without asking its network. */
  CompletionStage<Outcome<PortView>> find(Caller caller, String portId) {
    return asker.<PortEntity.Command, PortView>ask(refs.port(portId), PortEntity.Get::new)
        .thenApply(outcome -> Ownership.hideForeign(caller, outcome, PortView::tenantId, Problem.notFound("port", portId)));
  }

  /**
   * The port is answered even when its network cannot tell the realization right now (it is
   * restarting, or waiting for Cassandra to recover its journal): a read of live state, or a
   * change that was made, must not fail for that. The port then shows no realization and DOWN,
   * which claims nothing.
   */
  private CompletionStage<Outcome<PortView>> withRealizationIfKnown(PortView port) {
    return asker.<NetworkEntity.Command, Realization>askBriefly(refs.network(port.networkId()), r -> new NetworkEntity.GetPortRealization(port.id(), r),
            REALIZATION_READ)
        .thenApply(realization -> realization instanceof Outcome.Ok<Realization> ok ? Outcome.ok(port.withRealization(ok.value())) : Outcome.ok(port.withUnknownRealization()));
  }

  /** Ports of every visible network, or of one network when {@code networkId} is given. */
  public CompletionStage<Outcome<List<PortView>>> list(Caller caller, String networkId) {
    if (networkId != null) return portsOf(caller, networkId);
    return then(networks.list(caller), visible -> then(
        Asker.all(visible.stream().map(network -> portsOf(caller, network.id())).toList()),
        perNetwork -> Asker.done(Outcome.ok(perNetwork.stream().flatMap(List::stream).toList()))));
  }

  public CompletionStage<Outcome<List<PortView>>> list(Caller caller) {
    return list(caller, null);
  }

  /** One ask to the network names its ports and answers the realization of each. */
  private CompletionStage<Outcome<List<PortView>>> portsOf(Caller caller, String networkId) {
    return then(networks.get(caller, networkId), network ->
        then(asker.<NetworkEntity.Command, NetworkEntity.PortRealizations>ask(refs.network(networkId), NetworkEntity.GetPortRealizations::new), realizations ->
            then(Asker.found(realizations.byPort().keySet().stream().map(id -> find(caller, id)).toList()), found ->
                Asker.done(Outcome.ok(found.stream().map(port -> port.withRealization(realizations.byPort().get(port.id()))).toList())))));
  }

  public CompletionStage<Outcome<PortView>> update(Caller caller, String portId, PortPatch patch) {
    return then(find(caller, portId), current -> {
      List<String> groups = patch.securityGroupIds() == null ? List.of() : patch.securityGroupIds();
      return then(securityGroups.exist(Caller.tenant(current.tenantId()), "security_group_ids", groups), exist ->
          then(asker.<PortEntity.Command, PortView>ask(refs.port(portId), r -> new PortEntity.Update(patch, caller.origin(), r)), this::withRealizationIfKnown));
    });
  }

  /** Changes the port's tags. */
  public CompletionStage<Outcome<PortView>> changeTags(Caller caller, String portId, TagChange change) {
    return then(find(caller, portId), current ->
        then(asker.<PortEntity.Command, PortView>ask(refs.port(portId), r -> new PortEntity.ChangeTags(change, caller.origin(), r)), this::withRealizationIfKnown));
  }

  /**
   * A router's interface or gateway port is deleted by removing the interface or gateway; a port that
   * only claims a router (never recorded by it, or already let go) may be deleted directly.
   */
  public CompletionStage<Outcome<PortView>> delete(Caller caller, String portId) {
    return then(find(caller, portId), current -> {
      if (PortSpec.FLOATING_IP_OWNER.equals(current.deviceOwner())) {
        return asker.<FloatingIpEntity.Command, FloatingIpView>ask(refs.floatingIp(current.deviceId()), FloatingIpEntity.Get::new).thenCompose(held -> {
          if (held instanceof Outcome.Rejected<FloatingIpView> failed && failed.problem().code() != ProblemCode.NOT_FOUND) return Asker.done(Outcome.rejected(failed.problem()));
          return deleteAs(portId, held instanceof Outcome.Rejected<FloatingIpView>, caller.origin()); // a floating IP that is gone no longer holds it
        });
      }
      if (!PortSpec.isManaged(current.deviceOwner())) {
        // as a VM's port goes with the VM, its floating IPs are let go rather than the delete refused
        return then(floatingIps.get().dissociatePort(caller, current.tenantId(), portId), dissociated -> deleteAs(portId, false, caller.origin()));
      }
      return asker.<RouterEntity.Command, RouterView>ask(refs.router(current.deviceId()), RouterEntity.Get::new).thenCompose(router -> {
        boolean attached = router instanceof Outcome.Ok<RouterView> ok && (ok.value().interfaces().stream().anyMatch(i -> i.portId().equals(portId))
            || ok.value().externalGateway() != null && ok.value().externalGateway().portId().equals(portId));
        if (router instanceof Outcome.Rejected<RouterView> failed && failed.problem().code() != ProblemCode.NOT_FOUND) return Asker.done(Outcome.rejected(failed.problem()));
        return deleteAs(portId, !attached, caller.origin());
      });
    });
  }

  CompletionStage<Outcome<PortView>> deleteAs(String portId, boolean byOwner, Origin origin) {
    return asker.ask(refs.port(portId), r -> new PortEntity.Delete(byOwner, origin, r));
  }

}
