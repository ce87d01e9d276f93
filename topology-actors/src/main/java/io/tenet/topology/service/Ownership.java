package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.tenant.TenantEntity;
import org.apache.pekko.Done;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.tenant.TenantEntity.TenantRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Which tenant a new object belongs to, and which tenants a caller may list. */
public final class Ownership {
  private final TenantService tenants;
  private final EntityRefs refs;
  private final Asker asker;

  public Ownership(TenantService tenants, EntityRefs refs, Asker asker) {
    this.tenants = tenants;
    this.refs = refs;
    this.asker = asker;
  }

  /**
   * Adds or removes an object in its tenant's index. Objects are indexed before they are
   * created and unindexed after they are deleted, so a listing never misses a live one.
   */
  public CompletionStage<Outcome<Done>> index(String tenantId, ResourceKind kind, String id, boolean present) {
    return asker.askPlain(refs.tenant(tenantId), r -> present ? new TenantEntity.Index(kind, id, r) : new TenantEntity.Unindex(kind, id, r));
  }

  /** A tenant creates for itself; an administrator must name the tenant it acts for. */
  public CompletionStage<Outcome<TenantRecord>> owner(Caller caller, String requestedTenantId) {
    String tenantId;
    if (caller.admin()) {
      if (requestedTenantId == null) {
        return Asker.done(Outcome.rejected(new Problem(ProblemCode.MISSING_VALUE, "an administrator must give tenant_id", "tenant_id")));
      }
      tenantId = requestedTenantId;
    } else {
      if (requestedTenantId != null && !requestedTenantId.equals(caller.tenantId())) {
        return Asker.done(Outcome.rejected(Problem.invalid("tenant_id", "tenant_id must be your own tenant or left out")));
      }
      tenantId = caller.tenantId();
    }
    return tenants.record(tenantId).thenApply(outcome -> outcome.notFoundAsField("tenant_id"));
  }

  /** Another tenant's object answers exactly like a missing one, so ids reveal nothing. */
  public static <T> Outcome<T> hideForeign(Caller caller, Outcome<T> outcome, Function<T, String> owner, Problem notFound) {
    if (outcome instanceof Outcome.Ok<T> ok && !caller.sees(owner.apply(ok.value()))) return Outcome.rejected(notFound);
    return outcome;
  }

  public CompletionStage<Outcome<List<TenantRecord>>> visible(Caller caller) {
    if (!caller.admin()) return tenants.record(caller.tenantId()).thenApply(outcome -> outcome.map(List::of));
    return then(tenants.ids(), ids -> Asker.found(ids.stream().map(tenants::record).toList()));
  }
}
