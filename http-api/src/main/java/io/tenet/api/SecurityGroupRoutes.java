package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.SecurityGroupPatch;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.SecurityGroupService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/security-groups}; rules are part of the group and replaced as a whole by PATCH; {@code GET .../{id}?at=} answers the group as it was then. */
final class SecurityGroupRoutes extends RouteSupport {
  private final SecurityGroupService groups;
  private final HistoryService history;

  SecurityGroupRoutes(SecurityGroupService groups, HistoryService history) {
    this.groups = groups;
    this.history = history;
  }

  Route route(Caller caller) {
    return pathPrefix("security-groups", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("name", name -> respondList(groups.list(caller), "security_groups",
                all -> all.stream().filter(g -> name.map(g.name()::equals).orElse(true)).toList()))),
            post(() -> body(SecurityGroupRequest.class, request -> newId(caller, "security-group", request.id(), id ->
                respondCreated(groups.create(caller, id, request), (SecurityGroupView g) -> "/v1/security-groups/" + g.id())))))),
        path(segment(), id -> concat(
            get(() -> moment("at", at -> respond(at.map(then -> history.securityGroupAt(caller, id, then)).orElseGet(() -> groups.get(caller, id)), StatusCodes.OK))),
            patch(() -> body(SecurityGroupPatch.class, patch -> respond(groups.update(caller, id, patch), StatusCodes.OK))),
            delete(() -> respondDeleted(groups.delete(caller, id)))))));
  }
}
