package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.validation.NetworkValidation;
import io.tenet.topology.vni.VniRegistry;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Network life cycle across its entities: index in the tenant, VNI from the registry, then
 * the network itself. Every step is idempotent per network id, so a retry finishes a create
 * that was cut short. A crash between the VNI and the network leaves that VNI held for the id
 * until the create is retried (documented in docs/architecture.md); deletion returns the VNI
 * from the network entity itself.
 */
public final class NetworkService {
  private final EntityRefs refs;
  private final Asker asker;
  private final Ownership ownership;

  public NetworkService(EntityRefs refs, Asker asker, Ownership ownership) {
    this.refs = refs;
    this.asker = asker;
    this.ownership = ownership;
  }

  public CompletionStage<Outcome<NetworkView>> create(Caller caller, String networkId, NetworkRequest request) {
    Outcome<NetworkSpec> validated = NetworkValidation.validate(networkId, request);
    return then(Asker.done(validated), spec ->
        then(ownership.owner(caller, request.tenantId()), owner -> {
          String tenantId = owner.view().id();
          return then(ownership.index(tenantId, ResourceKind.NETWORK, networkId, true), indexed ->
              allocateVni(networkId, spec.requestedVni()).thenCompose(vni -> {
                if (vni instanceof Outcome.Rejected<Integer> refused) {
                  return ownership.index(tenantId, ResourceKind.NETWORK, networkId, false).thenApply(ignored -> Outcome.<NetworkView>rejected(refused.problem()));
                }
                int allocated = ((Outcome.Ok<Integer>) vni).value();
                return asker.<NetworkEntity.Command, NetworkView>ask(refs.network(networkId), r -> new NetworkEntity.Create(tenantId, spec, allocated, caller.origin(), r));
              }));
        }));
  }

  public CompletionStage<Outcome<NetworkView>> get(Caller caller, String networkId) {
    return asker.<NetworkEntity.Command, NetworkView>ask(refs.network(networkId), NetworkEntity.Get::new)
        .thenApply(outcome -> visible(caller, networkId, outcome));
  }

  public CompletionStage<Outcome<List<NetworkView>>> list(Caller caller) {
    return then(ownership.visible(caller), tenants -> Asker.found(tenants.stream()
        .flatMap(tenant -> tenant.ids(ResourceKind.NETWORK).stream())
        .map(id -> get(caller, id)).toList()));
  }

  public CompletionStage<Outcome<NetworkView>> update(Caller caller, String networkId, NetworkPatch patch) {
    return then(get(caller, networkId), current -> then(Asker.done(NetworkValidation.patch(networkId, patch)), valid ->
        asker.<NetworkEntity.Command, NetworkView>ask(refs.network(networkId),
            r -> new NetworkEntity.Update(valid.name(), valid.mtu(), valid.adminStateUp(), valid.subnets(), caller.origin(), r))));
  }


  /**
   * The network goes first (it refuses while it has ports) and then returns its VNI to the
   * registry by itself, retrying until confirmed; the index entry is removed last.
   */
  public CompletionStage<Outcome<NetworkView>> delete(Caller caller, String networkId) {
    return then(get(caller, networkId), current ->
        then(asker.<NetworkEntity.Command, NetworkView>ask(refs.network(networkId), r -> new NetworkEntity.Delete(caller.origin(), r)), deleted ->
            then(ownership.index(deleted.tenantId(), ResourceKind.NETWORK, networkId, false), unindexed -> Asker.done(Outcome.ok(deleted)))));
  }

  private CompletionStage<Outcome<Integer>> allocateVni(String networkId, Integer requested) {
    return asker.ask(refs.vniRegistry(), r -> new VniRegistry.Allocate(networkId, requested, r));
  }


  private static Outcome<NetworkView> visible(Caller caller, String networkId, Outcome<NetworkView> outcome) {
    return Ownership.hideForeign(caller, outcome, NetworkView::tenantId, Problem.notFound("network", networkId));
  }
}
