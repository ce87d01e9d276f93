package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.dataplane.GatewayHosts;
import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.L2Bridge;
import io.tenet.topology.model.L2GatewayPatch;
import io.tenet.topology.model.L2GatewayRequest;
import io.tenet.topology.model.L2GatewayView;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.validation.GatewayHostsValidation;
import io.tenet.topology.vni.VniRegistry;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Layer-2 gateways (administrators only; tenants read those of their networks): a tenant network
 * bridged to a VLAN of a physical network through gateway hypervisors. A network has at most one,
 * so its id is derived from the network's and a retried create finds it. The VLAN is claimed in
 * the VNI registry first (with the tunnel key of the copies meant for it), then the network records
 * the gateway, then each host learns it carries it; a refused step gives back what came before.
 * Once the network has recorded a removal, it returns the VLAN to the registry itself.
 */
public final class L2GatewayService {
  private static final String HOSTS_FIELD = "hosts";

  private final EntityRefs refs;
  private final Asker asker;
  private final Ownership ownership;
  private final NetworkService networks;
  private final GatewayHosts gatewayHosts;
  private final GatewayHostChoice hostChoice;

  public L2GatewayService(EntityRefs refs, Asker asker, Ownership ownership, NetworkService networks, GatewayHosts gatewayHosts) {
    this.refs = refs;
    this.asker = asker;
    this.ownership = ownership;
    this.networks = networks;
    this.gatewayHosts = gatewayHosts;
    this.hostChoice = new GatewayHostChoice(gatewayHosts);
  }

  /** The id of the layer-2 gateway of a network. */
  public static String idFor(String networkId) {
    return Ids.derived(networkId, "l2-gateway");
  }

  public CompletionStage<Outcome<L2GatewayView>> create(Caller caller, L2GatewayRequest request) {
    Outcome<ProviderSegment> segment = validate(caller, request);
    return then(Asker.done(segment), vlan -> then(Asker.done(GatewayHostsValidation.validate(caller, request.hosts(), HOSTS_FIELD)), named ->
        then(networks.get(caller, request.networkId()).thenApply(found -> found.notFoundAsField("network_id")), network -> {
          if (network.external()) {
            return Asker.done(Outcome.rejected(new Problem(ProblemCode.EXTERNAL_NETWORK,
                "network " + network.id() + " is an external network: it is on its physical network already", "network_id")));
          }
          L2Bridge existing = network.l2Gateway();
          if (existing != null) {
            return Asker.done(existing.segment().equals(vlan) && named == null ? Outcome.ok(L2GatewayView.of(network))
                : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "network " + network.id() + " is bridged to " + existing.segment()
                    + " already (layer-2 gateway " + existing.id() + "); change or delete that one", "network_id")));
          }
          CompletionStage<Outcome<List<GatewayHost>>> hosts = named != null ? hostChoice.named(vlan.physicalNetwork(), named, HOSTS_FIELD)
              : hostChoice.choose(vlan.physicalNetwork(), "physical_network");
          String id = idFor(network.id());
          return then(hosts, chosen -> then(ownership.index(network.tenantId(), ResourceKind.L2_GATEWAY, network.id(), true), indexed ->
              claim(id, vlan).thenCompose(claimed -> {
                if (claimed instanceof Outcome.Rejected<Integer> refused) return unindexed(network, refused.problem());
                L2Bridge bridge = new L2Bridge(id, vlan, ((Outcome.Ok<Integer>) claimed).value(), chosen, chosen.get(0).datapathId());
                return bridge(caller, network.id(), bridge).thenCompose(bridged -> {
                  if (bridged instanceof Outcome.Rejected<NetworkView> refused) {
                    return release(id).thenCompose(released -> unindexed(network, refused.problem()));
                  }
                  return then(tellHosts(network.id(), null, bridge), told -> Asker.done(bridged.map(L2GatewayView::of)));
                });
              })));
        })));
  }

  public CompletionStage<Outcome<L2GatewayView>> get(Caller caller, String id) {
    return then(bridgedNetwork(caller, id), network -> Asker.done(Outcome.ok(L2GatewayView.of(network))));
  }

  public CompletionStage<Outcome<List<L2GatewayView>>> list(Caller caller) {
    return then(ownership.visible(caller), tenants -> then(Asker.found(tenants.stream()
        .flatMap(tenant -> tenant.ids(ResourceKind.L2_GATEWAY).stream())
        .map(networkId -> networks.get(caller, networkId)).toList()), found -> Asker.done(Outcome.ok(found.stream()
        .filter(network -> network.l2Gateway() != null).map(L2GatewayView::of).toList()))));
  }

  /** New hosts and priorities: the one with the highest becomes active at once. */
  public CompletionStage<Outcome<L2GatewayView>> update(Caller caller, String id, L2GatewayPatch patch) {
    if (!caller.admin()) return Asker.done(adminOnly());
    if (patch.hosts() == null) return Asker.done(Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "hosts lists the gateway hypervisors", HOSTS_FIELD)));
    return then(Asker.done(GatewayHostsValidation.validate(caller, patch.hosts(), HOSTS_FIELD)), named -> then(bridgedNetwork(caller, id), network -> {
      L2Bridge current = network.l2Gateway();
      return then(hostChoice.named(current.segment().physicalNetwork(), named, HOSTS_FIELD), hosts -> {
        L2Bridge changed = new L2Bridge(current.id(), current.segment(), current.bridgeVni(), hosts, hosts.get(0).datapathId());
        return then(bridge(caller, network.id(), changed), bridged ->
            then(tellHosts(network.id(), current, changed), told -> Asker.done(Outcome.ok(L2GatewayView.of(bridged)))));
      });
    }));
  }

  /**
   * The network forgets the gateway (and hands its VLAN back to the registry by itself, retrying
   * until confirmed), then its hosts; the index entry goes last.
   */
  public CompletionStage<Outcome<L2GatewayView>> delete(Caller caller, String id) {
    if (!caller.admin()) return Asker.done(adminOnly());
    return then(bridgedNetwork(caller, id), network -> {
      L2Bridge current = network.l2Gateway();
      return then(bridge(caller, network.id(), null), unbridged -> then(tellHosts(network.id(), current, null), told ->
          then(ownership.index(network.tenantId(), ResourceKind.L2_GATEWAY, network.id(), false), unindexed -> Asker.done(Outcome.ok(L2GatewayView.of(network))))));
    });
  }

  /** The network the gateway {@code id} bridges, if the caller may see it. */
  private CompletionStage<Outcome<NetworkView>> bridgedNetwork(Caller caller, String id) {
    Problem missing = Problem.notFound("layer-2 gateway", id);
    return then(ownership.visible(caller), tenants -> {
      String networkId = tenants.stream().flatMap(tenant -> tenant.ids(ResourceKind.L2_GATEWAY).stream())
          .filter(candidate -> idFor(candidate).equals(id)).findFirst().orElse(null);
      if (networkId == null) return Asker.done(Outcome.rejected(missing));
      return networks.get(caller, networkId).thenApply(found -> found.flatMap(network ->
          network.l2Gateway() != null && network.l2Gateway().id().equals(id) ? Outcome.ok(network) : Outcome.rejected(missing)));
    });
  }

  /** Administrators only; the network and VLAN must be given, the VLAN id from 1 to 4094. */
  private static Outcome<ProviderSegment> validate(Caller caller, L2GatewayRequest request) {
    if (!caller.admin()) return adminOnly();
    if (request.networkId() == null || request.networkId().isBlank()) {
      return Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "network_id names the tenant network to bridge", "network_id"));
    }
    if (request.physicalNetwork() == null || request.physicalNetwork().isBlank()) {
      return Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "physical_network names the physical network (as in tenet-bridge-mappings)", "physical_network"));
    }
    if (request.segmentationId() == null || request.segmentationId() < 1 || request.segmentationId() > 4094) {
      return Outcome.rejected(Problem.invalid("segmentation_id", "a VLAN id from 1 to 4094 is required"));
    }
    return Outcome.ok(new ProviderSegment(ProviderType.VLAN, request.physicalNetwork(), request.segmentationId()));
  }

  private static <T> Outcome<T> adminOnly() {
    return Outcome.rejected(new Problem(ProblemCode.ADMIN_ONLY, "only an administrator bridges a network to a physical network", null));
  }

  private CompletionStage<Outcome<Integer>> claim(String id, ProviderSegment vlan) {
    return asker.ask(refs.vniRegistry(), r -> new VniRegistry.Allocate(id, null, ExternalClaim.ofL2Gateway(vlan), r));
  }

  private CompletionStage<Outcome<Integer>> release(String id) {
    return asker.ask(refs.vniRegistry(), r -> new VniRegistry.Release(id, r));
  }

  private CompletionStage<Outcome<NetworkView>> bridge(Caller caller, String networkId, L2Bridge bridge) {
    return asker.ask(refs.network(networkId), r -> new NetworkEntity.Bridge(bridge, caller.origin(), r));
  }

  private <T> CompletionStage<Outcome<T>> unindexed(NetworkView network, Problem problem) {
    return ownership.index(network.tenantId(), ResourceKind.L2_GATEWAY, network.id(), false).thenApply(ignored -> Outcome.rejected(problem));
  }

  private CompletionStage<Outcome<String>> tellHosts(String networkId, L2Bridge before, L2Bridge after) {
    return GatewayHostsTold.tell(before == null ? List.of() : before.hosts(), after == null ? List.of() : after.hosts(),
        (datapathId, hosting) -> gatewayHosts.bridge(datapathId, networkId, hosting), "the layer-2 gateway", networkId);
  }
}
