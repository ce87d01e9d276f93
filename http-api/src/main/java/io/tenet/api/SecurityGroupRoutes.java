package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.SecurityGroupPatch;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.service.SecurityGroupService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/security-groups}; rules are part of the group and replaced as a whole by PATCH. */
final class SecurityGroupRoutes extends RouteSupport {
  private final SecurityGroupService groups;

  SecurityGroupRoutes(SecurityGroupService groups) {
    this.groups = groups;
  }

  Route route(Caller caller) {
    return pathPrefix("security-groups", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("name", name -> respondList(groups.list(caller), "security_groups",
                all -> all.stream().filter(g -> name.map(g.name()::equals).orElse(true)).toList()))),
            post(() -> body(SecurityGroupRequest.class, request -> newId(caller, "security-group", request.id(), id ->
                respondCreated(groups.create(caller, id, request), (SecurityGroupView g) -> "/v1/security-groups/" + g.id())))))),
        path(segment(), id -> concat(
            get(() -> respond(groups.get(caller, id), StatusCodes.OK)),
            patch(() -> body(SecurityGroupPatch.class, patch -> respond(groups.update(caller, id, patch), StatusCodes.OK))),
            delete(() -> respondDeleted(groups.delete(caller, id)))))));
  }
}
