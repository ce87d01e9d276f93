package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.EntityRefs;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.TenantView;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.tenant.TenantDirectory;
import io.tenet.topology.tenant.TenantEntity;
import io.tenet.topology.tenant.TenantEntity.TenantRecord;
import io.tenet.topology.validation.SecurityGroupValidation;
import io.tenet.topology.validation.TenantValidation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Creates tenants (each with its default security group) and reads them back. */
public final class TenantService {
  private final EntityRefs refs;
  private final Asker asker;

  public TenantService(EntityRefs refs, Asker asker) {
    this.refs = refs;
    this.asker = asker;
  }

  public static String defaultSecurityGroupId(String tenantId) {
    return Ids.derived(tenantId, "default-security-group");
  }

  /**
   * Each step is idempotent and the tenant itself is created last, so a retry after any
   * failure completes the same tenant, and a half-made one is never visible.
   */
  public CompletionStage<Outcome<TenantView>> create(String tenantId, String name, String tokenHash, Origin origin) {
    String groupId = defaultSecurityGroupId(tenantId);
    return then(Asker.done(TenantValidation.name(name)), validName ->
        then(asker.<TenantDirectory.Command, org.apache.pekko.Done>askPlain(refs.tenantDirectory(), r -> new TenantDirectory.Register(tenantId, r)), registered ->
            then(asker.<TenantEntity.Command, org.apache.pekko.Done>askPlain(refs.tenant(tenantId), r -> new TenantEntity.Index(ResourceKind.SECURITY_GROUP, groupId, r)), indexed ->
                then(asker.<SecurityGroupEntity.Command, io.tenet.topology.model.SecurityGroupView>ask(refs.securityGroup(groupId),
                        r -> new SecurityGroupEntity.Create(tenantId, SecurityGroupValidation.defaultGroup(groupId), origin, r)), group ->
                    asker.<TenantEntity.Command, TenantView>ask(refs.tenant(tenantId), r -> new TenantEntity.Create(validName, tokenHash, groupId, r))))));
  }

  public CompletionStage<Outcome<TenantRecord>> record(String tenantId) {
    return asker.ask(refs.tenant(tenantId), TenantEntity.Get::new);
  }

  public CompletionStage<Outcome<TenantView>> get(String tenantId) {
    return record(tenantId).thenApply(outcome -> outcome.map(TenantRecord::view));
  }

  public CompletionStage<Outcome<List<TenantView>>> list() {
    return then(asker.<TenantDirectory.Command, TenantDirectory.TenantIds>askPlain(refs.tenantDirectory(), TenantDirectory.ListTenants::new),
        ids -> Asker.found(ids.ids().stream().map(this::get).toList()));
  }

  /** The ids of every tenant (for administrators' listings). */
  public CompletionStage<Outcome<List<String>>> ids() {
    return asker.<TenantDirectory.Command, TenantDirectory.TenantIds>askPlain(refs.tenantDirectory(), TenantDirectory.ListTenants::new)
        .thenApply(outcome -> outcome.map(TenantDirectory.TenantIds::ids));
  }
}
