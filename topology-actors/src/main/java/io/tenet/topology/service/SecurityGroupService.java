package io.tenet.topology.service;

import static io.tenet.topology.service.Asker.then;

import io.tenet.topology.Caller;
import io.tenet.topology.EntityRefs;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.SecurityGroupPatch;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupSpec;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.validation.SecurityGroupValidation;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** Security group life cycle; rules naming a remote group must name one of the same tenant. */
public final class SecurityGroupService {
  private final EntityRefs refs;
  private final Asker asker;
  private final Ownership ownership;
  private final Supplier<PortService> ports;

  public SecurityGroupService(EntityRefs refs, Asker asker, Ownership ownership, Supplier<PortService> ports) {
    this.refs = refs;
    this.asker = asker;
    this.ownership = ownership;
    this.ports = ports;
  }

  public CompletionStage<Outcome<SecurityGroupView>> create(Caller caller, String groupId, SecurityGroupRequest request) {
    Outcome<SecurityGroupSpec> validated = SecurityGroupValidation.validate(groupId, request.name(), request.description(), request.rules());
    return then(Asker.done(validated), spec -> then(ownership.owner(caller, request.tenantId()), owner -> {
      String tenantId = owner.view().id();
      return then(remoteGroupsExist(Caller.tenant(tenantId), groupId, spec.rules()), checked ->
          then(ownership.index(tenantId, ResourceKind.SECURITY_GROUP, groupId, true), indexed ->
              asker.<SecurityGroupEntity.Command, SecurityGroupView>ask(refs.securityGroup(groupId), r -> new SecurityGroupEntity.Create(tenantId, spec, caller.origin(), r))));
    }));
  }

  public CompletionStage<Outcome<SecurityGroupView>> get(Caller caller, String groupId) {
    return visible(caller, groupId, SecurityGroupEntity.Get::new);
  }

  /** The group's answer to {@code query}, or not found when the group is another tenant's. */
  private CompletionStage<Outcome<SecurityGroupView>> visible(Caller caller, String groupId,
      Function<ActorRef<Outcome<SecurityGroupView>>, SecurityGroupEntity.Command> query) {
    return asker.<SecurityGroupEntity.Command, SecurityGroupView>ask(refs.securityGroup(groupId), query)
        .thenApply(outcome -> Ownership.hideForeign(caller, outcome, SecurityGroupView::tenantId, Problem.notFound("security group", groupId)));
  }

  public CompletionStage<Outcome<List<SecurityGroupView>>> list(Caller caller) {
    return then(ownership.visible(caller), tenants -> Asker.found(tenants.stream()
        .flatMap(tenant -> tenant.ids(ResourceKind.SECURITY_GROUP).stream())
        .map(id -> get(caller, id)).toList()));
  }

  public CompletionStage<Outcome<SecurityGroupView>> update(Caller caller, String groupId, SecurityGroupPatch patch) {
    return update(caller, groupId, patch, null);
  }

  /** The same, refused ({@code revision_mismatch}) unless the group is still at {@code ifRevision} (null: any). */
  public CompletionStage<Outcome<SecurityGroupView>> update(Caller caller, String groupId, SecurityGroupPatch patch, Long ifRevision) {
    return then(get(caller, groupId), current -> {
      Outcome<SecurityGroupSpec> validated = SecurityGroupValidation.validate(groupId,
          patch.name() == null ? current.name() : patch.name(),
          patch.description() == null ? current.description() : patch.description(),
          List.of());
      Outcome<List<SecurityGroupRule>> rules = patch.rules() == null ? Outcome.ok(null)
          : ProblemException.outcome(() -> SecurityGroupValidation.rules(groupId, patch.rules()));
      return then(Asker.done(validated), spec -> then(Asker.done(rules), validRules ->
          then(validRules == null ? Asker.done(Outcome.ok(Done.getInstance())) : remoteGroupsExist(Caller.tenant(current.tenantId()), groupId, validRules), checked ->
              asker.<SecurityGroupEntity.Command, SecurityGroupView>ask(refs.securityGroup(groupId),
                  r -> new SecurityGroupEntity.Update(spec.name(), spec.description(), validRules, ifRevision, caller.origin(), r)))));
    });
  }

  /** Changes the group's tags. */
  public CompletionStage<Outcome<SecurityGroupView>> changeTags(Caller caller, String groupId, TagChange change) {
    return then(get(caller, groupId), current ->
        asker.<SecurityGroupEntity.Command, SecurityGroupView>ask(refs.securityGroup(groupId), r -> new SecurityGroupEntity.ChangeTags(change, caller.origin(), r)));
  }

  /** Refused while a port of the tenant uses the group; the default group stays. */
  public CompletionStage<Outcome<SecurityGroupView>> delete(Caller caller, String groupId) {
    return then(get(caller, groupId), current -> {
      if (groupId.equals(TenantService.defaultSecurityGroupId(current.tenantId()))) {
        return Asker.done(Outcome.rejected(Problem.of(ProblemCode.IN_USE, "the default security group of a tenant cannot be deleted")));
      }
      return then(ports.get().list(Caller.tenant(current.tenantId())), tenantPorts -> {
        long users = tenantPorts.stream().filter(p -> p.securityGroupIds().contains(groupId)).count();
        if (users > 0) {
          return Asker.done(Outcome.rejected(Problem.of(ProblemCode.IN_USE, "security group " + groupId + " is used by " + users + " port(s)")));
        }
        return then(asker.<SecurityGroupEntity.Command, SecurityGroupView>ask(refs.securityGroup(groupId), r -> new SecurityGroupEntity.Delete(caller.origin(), r)), deleted ->
            then(ownership.index(deleted.tenantId(), ResourceKind.SECURITY_GROUP, groupId, false), unindexed -> Asker.done(Outcome.ok(deleted))));
      });
    });
  }

  /** Every group id given must be visible to the caller; answers the first that is not. */
  public CompletionStage<Outcome<Done>> exist(Caller caller, String field, List<String> groupIds) {
    List<CompletionStage<Outcome<SecurityGroupView>>> lookups = groupIds.stream().map(id -> visible(caller, id, SecurityGroupEntity.Lookup::new)).toList();
    return Asker.all(lookups).thenApply(outcome -> outcome instanceof Outcome.Rejected<List<SecurityGroupView>> rejected
        ? Outcome.rejected(new Problem(rejected.problem().code(), rejected.problem().message(), field))
        : Outcome.ok(Done.getInstance()));
  }

  private CompletionStage<Outcome<Done>> remoteGroupsExist(Caller owner, String groupId, List<SecurityGroupRule> rules) {
    List<String> remotes = rules.stream().map(SecurityGroupRule::remoteGroupId).filter(Objects::nonNull).filter(id -> !id.equals(groupId)).distinct().toList();
    return exist(owner, "rules.remote_group_id", remotes);
  }

}
