package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.SecurityGroupPatch;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupRuleRequest;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.service.SecurityGroupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2.0/security-group-rules}: the rules of the groups the caller sees. Adding or deleting
 * one rewrites its group's rules ({@link Rewrite}); a rule is found by id among the caller's groups.
 */
final class NeutronSecurityGroupRuleRoutes extends NeutronSupport {
  private static final String RESOURCE = "SecurityGroupRule";
  private final SecurityGroupService groups;

  NeutronSecurityGroupRuleRoutes(SecurityGroupService groups) {
    this.groups = groups;
  }

  /** A rule with the group it belongs to. */
  record Located(SecurityGroupView group, SecurityGroupRule rule) {}

  Route route(Caller caller) {
    return pathPrefix("security-group-rules", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(groups.list(caller),
                all -> page(query, located(all).stream().map(at -> NeutronSecurityGroups.ruleView(at.rule(), at.group())).toList(), "security_group_rules", url),
                problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              NeutronBody body = NeutronBody.of(json, "security_group_rule", NeutronSecurityGroups.ruleCreateAttributes());
              String groupId = NeutronSecurityGroups.groupOf(body);
              String id = Ids.random();
              SecurityGroupRuleRequest request = NeutronSecurityGroups.createRule(body, id);
              return onSuccess(rewrite(caller, groupId, current -> {
                List<SecurityGroupRuleRequest> rules = requests(current);
                rules.add(request);
                return rules;
              }), outcome -> {
                if (!(outcome instanceof Outcome.Ok<SecurityGroupView> ok)) return complete(error(refusal(outcome, id)));
                SecurityGroupRule rule = ok.value().rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
                return complete(json(201, wrapped("security_group_rule", NeutronSecurityGroups.ruleView(rule, ok.value()))));
              });
            })))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> found(caller, id, at -> complete(json(200, wrapped("security_group_rule",
                query.project(NeutronSecurityGroups.ruleView(at.rule(), at.group())))))))),
            delete(() -> found(caller, id, at -> onSuccess(rewrite(caller, at.group().id(),
                current -> new ArrayList<>(requests(current).stream().filter(rule -> !rule.id().equals(id)).toList())),
                outcome -> complete(outcome instanceof Outcome.Ok<SecurityGroupView> ? noContent() : error(refusal(outcome, id))))))))));
  }

  private CompletionStage<Outcome<SecurityGroupView>> rewrite(Caller caller, String groupId, Function<SecurityGroupView, List<SecurityGroupRuleRequest>> change) {
    return Rewrite.of(() -> groups.get(caller, groupId), SecurityGroupView::revision, change,
        (rules, revision) -> groups.update(caller, groupId, new SecurityGroupPatch(null, null, rules), revision));
  }

  private Route found(Caller caller, String id, Function<Located, Route> inner) {
    return onSuccess(groups.list(caller), outcome -> {
      if (!(outcome instanceof Outcome.Ok<List<SecurityGroupView>> ok)) {
        return complete(error(NeutronError.of(((Outcome.Rejected<List<SecurityGroupView>>) outcome).problem(), RESOURCE, id)));
      }
      return located(ok.value()).stream().filter(at -> at.rule().id().equals(id)).findFirst().map(inner)
          .orElseGet(() -> complete(error(new NeutronError(404, "SecurityGroupRuleNotFound", "Security group rule " + id + " could not be found."))));
    });
  }

  private static List<Located> located(List<SecurityGroupView> all) {
    List<Located> rules = new ArrayList<>();
    for (SecurityGroupView group : all) for (SecurityGroupRule rule : group.rules()) rules.add(new Located(group, rule));
    return rules;
  }

  private static List<SecurityGroupRuleRequest> requests(SecurityGroupView group) {
    return new ArrayList<>(group.rules().stream().map(NeutronSecurityGroups::requestOf).toList());
  }

  /** A refusal of the rewrite, naming the rule's own attribute; a missing group is the rule's group. */
  private static NeutronError refusal(Outcome<SecurityGroupView> outcome, String ruleId) {
    Problem problem = ((Outcome.Rejected<SecurityGroupView>) outcome).problem();
    return switch (problem.code()) {
      case NOT_FOUND -> new NeutronError(404, "SecurityGroupNotFound", problem.message() + ".");
      case ALREADY_EXISTS -> new NeutronError(409, "SecurityGroupRuleExists", "Security group rule already exists.");
      default -> NeutronError.of(new Problem(problem.code(), problem.message(), NeutronSecurityGroups.neutronField(problem.field())), RESOURCE, ruleId);
    };
  }
}
