package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.service.SecurityGroupService;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v2.0/security-groups}: Tenet's security groups (the same entities as {@code /v1/security-groups}) in Neutron's shape. */
final class NeutronSecurityGroupRoutes extends NeutronSupport {
  private static final String RESOURCE = "SecurityGroup";
  private final SecurityGroupService groups;

  NeutronSecurityGroupRoutes(SecurityGroupService groups) {
    this.groups = groups;
  }

  Route route(Caller caller) {
    return pathPrefix("security-groups", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(groups.list(caller),
                all -> page(query, all.stream().map(NeutronSecurityGroups::groupView).toList(), "security_groups", url),
                problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              String id = Ids.random();
              SecurityGroupRequest request = NeutronSecurityGroups.createGroup(NeutronBody.of(json, "security_group", NeutronSecurityGroups.groupCreateAttributes()), id);
              return answer(groups.create(caller, id, request), created -> json(201, wrapped("security_group", NeutronSecurityGroups.groupView(created))),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> answer(groups.get(caller, id),
                group -> json(200, wrapped("security_group", query.project(NeutronSecurityGroups.groupView(group)))),
                problem -> NeutronError.of(problem, RESOURCE, id)))),
            put(() -> body(json -> answer(groups.update(caller, id,
                    NeutronSecurityGroups.updateGroup(NeutronBody.of(json, "security_group", NeutronSecurityGroups.groupUpdateAttributes()))),
                updated -> json(200, wrapped("security_group", NeutronSecurityGroups.groupView(updated))), problem -> NeutronError.of(problem, RESOURCE, id)))),
            delete(() -> answer(groups.delete(caller, id), deleted -> noContent(), problem -> NeutronError.of(problem, RESOURCE, id)))))));
  }
}
