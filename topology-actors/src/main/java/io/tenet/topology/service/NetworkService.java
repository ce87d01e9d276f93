package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.validation.NetworkValidation;
import io.tenet.topology.vni.VniRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Network life cycle across its entities: index in the tenant, VNI from the registry, then
 * the network itself. Every step is idempotent per network id, so a retry finishes a create
 * that was cut short. A crash between the VNI and the network leaves that VNI held for the id
 * until the create is retried (documented in docs/architecture.md); deletion returns the VNI
 * from the network entity itself. External networks (administrators only) also claim their
 * physical segment and address ranges in the registry with their VNI, and give both back together.
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
    if ((Boolean.TRUE.equals(request.external()) || request.provider() != null) && !caller.admin()) {
      return Asker.done(Outcome.rejected(new Problem(ProblemCode.ADMIN_ONLY, "only an administrator may create an external network", "external")));
    }
    Outcome<NetworkSpec> validated = NetworkValidation.validate(networkId, request);
    return then(Asker.done(validated), spec ->
        then(ownership.owner(caller, request.tenantId()), owner -> {
          String tenantId = owner.view().id();
          return then(ownership.index(tenantId, ResourceKind.NETWORK, networkId, true), indexed ->
              allocateVni(networkId, spec.requestedVni(), spec.claim()).thenCompose(vni -> {
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

  /** The caller's own networks, then the external networks of other tenants (every tenant may use those). */
  public CompletionStage<Outcome<List<NetworkView>>> list(Caller caller) {
    CompletionStage<Outcome<List<String>>> external = caller.admin() ? Asker.done(Outcome.ok(List.of()))
        : asker.ask(refs.vniRegistry(), VniRegistry.ListExternal::new);
    return then(ownership.visible(caller), tenants -> then(external, externalIds -> {
      Set<String> ids = new LinkedHashSet<>();
      tenants.forEach(tenant -> ids.addAll(tenant.ids(ResourceKind.NETWORK)));
      ids.addAll(externalIds);
      return Asker.found(ids.stream().map(id -> get(caller, id)).toList());
    }));
  }

  public CompletionStage<Outcome<NetworkView>> update(Caller caller, String networkId, NetworkPatch patch) {
    return update(caller, networkId, patch, null);
  }

  /** The same, refused ({@code revision_mismatch}) unless the network is still at {@code ifRevision} (null: any). */
  public CompletionStage<Outcome<NetworkView>> update(Caller caller, String networkId, NetworkPatch patch, Long ifRevision) {
    return then(changeable(caller, networkId), current -> then(Asker.done(NetworkValidation.patch(networkId, patch)), valid -> {
      if (ifRevision != null && ifRevision != current.revision()) {
        return Asker.done(Outcome.<NetworkView>rejected(Problem.of(ProblemCode.REVISION_MISMATCH,
            "network " + networkId + " is at revision " + current.revision() + ", not " + ifRevision)));
      }
      if (!current.external() || valid.subnets() == null) return updateEntity(caller, networkId, valid, ifRevision);
      // an external network's ranges are claimed first, and given back if the network refuses the change
      return then(claim(networkId, NetworkSpec.claimOf(current.provider(), valid.subnets())), claimed ->
          updateEntity(caller, networkId, valid, ifRevision).thenCompose(updated -> updated instanceof Outcome.Rejected<NetworkView>
              ? claim(networkId, NetworkSpec.claimOf(current.provider(), current.subnets())).thenApply(restored -> updated)
              : Asker.done(updated)));
    }));
  }

  private CompletionStage<Outcome<NetworkView>> updateEntity(Caller caller, String networkId, NetworkValidation.ValidPatch valid, Long ifRevision) {
    return asker.ask(refs.network(networkId),
        r -> new NetworkEntity.Update(valid.name(), valid.mtu(), valid.adminStateUp(), valid.subnets(), ifRevision, caller.origin(), r));
  }

  private CompletionStage<Outcome<ExternalClaim>> claim(String networkId, ExternalClaim claim) {
    return asker.ask(refs.vniRegistry(), r -> new VniRegistry.UpdateClaim(networkId, claim, r));
  }

  /** The network if the caller may change it: tenants see external networks but only administrators change them. */
  private CompletionStage<Outcome<NetworkView>> changeable(Caller caller, String networkId) {
    return then(get(caller, networkId), network -> Asker.done(network.external() && !caller.admin()
        ? Outcome.rejected(Problem.of(ProblemCode.ADMIN_ONLY, "network " + networkId + " is an external network: only an administrator may change it"))
        : Outcome.ok(network)));
  }


  /**
   * Changes the tags of the network, or with {@code subnetId} of that subnet of it. Like any change,
   * an external network's are the administrator's.
   */
  public CompletionStage<Outcome<NetworkView>> changeTags(Caller caller, String networkId, String subnetId, TagChange change) {
    return then(changeable(caller, networkId), current ->
        asker.<NetworkEntity.Command, NetworkView>ask(refs.network(networkId), r -> new NetworkEntity.ChangeTags(subnetId, change, caller.origin(), r)));
  }

  /**
   * The network goes first (it refuses while it has ports) and then returns its VNI to the
   * registry by itself, retrying until confirmed; the index entry is removed last.
   */
  public CompletionStage<Outcome<NetworkView>> delete(Caller caller, String networkId) {
    return then(changeable(caller, networkId), current ->
        then(asker.<NetworkEntity.Command, NetworkView>ask(refs.network(networkId), r -> new NetworkEntity.Delete(caller.origin(), r)), deleted ->
            then(ownership.index(deleted.tenantId(), ResourceKind.NETWORK, networkId, false), unindexed -> Asker.done(Outcome.ok(deleted)))));
  }

  private CompletionStage<Outcome<Integer>> allocateVni(String networkId, Integer requested, ExternalClaim claim) {
    return asker.ask(refs.vniRegistry(), r -> new VniRegistry.Allocate(networkId, requested, claim, r));
  }


  /** Another tenant's network answers like a missing one, unless it is external. */
  private static Outcome<NetworkView> visible(Caller caller, String networkId, Outcome<NetworkView> outcome) {
    if (outcome instanceof Outcome.Ok<NetworkView> ok && ok.value().external()) return outcome;
    return Ownership.hideForeign(caller, outcome, NetworkView::tenantId, Problem.notFound("network", networkId));
  }
}
