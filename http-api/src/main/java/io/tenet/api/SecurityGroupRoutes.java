package io.tenet.api;

import static io.tenet.topology.service.Asker.then;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.SecurityGroupPatch;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.realization.Awaited;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.RealizationWait;
import io.tenet.topology.service.SecurityGroupService;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/security-groups}; rules are part of the group and replaced as a whole by PATCH; {@code GET .../{id}?at=} answers the group as it was then.
 * PATCH takes {@code ?wait=realized}: the answer comes once every datapath enforcing the group confirmed the change.
 */
final class SecurityGroupRoutes extends RouteSupport {
  private final SecurityGroupService groups;
  private final HistoryService history;

  SecurityGroupRoutes(SecurityGroupService groups, HistoryService history) {
    this.groups = groups;
    this.history = history;
  }

  /** The group re-read until every datapath enforcing it confirmed its current version, or the time is up. */
  private CompletionStage<Outcome<Awaited<SecurityGroupView>>> realized(Caller caller, String id, Duration timeout) {
    return RealizationWait.until(() -> groups.get(caller, id), SecurityGroupView::realization, timeout);
  }

  Route route(Caller caller) {
    return pathPrefix("security-groups", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("name", name -> respondList(groups.list(caller), "security_groups",
                all -> all.stream().filter(g -> name.map(g.name()::equals).orElse(true)).toList()))),
            post(() -> body(SecurityGroupRequest.class, request -> newId(caller, "security-group", request.id(), id ->
                respondCreated(groups.create(caller, id, request), (SecurityGroupView g) -> "/v1/security-groups/" + g.id())))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> concat(
                get(() -> moment("at", at -> respond(at.map(then -> history.securityGroupAt(caller, id, then)).orElseGet(() -> groups.get(caller, id)), StatusCodes.OK))),
                patch(() -> realizationWait(wait -> body(SecurityGroupPatch.class, patch -> wait
                    .map(timeout -> respondRealized(then(groups.update(caller, id, patch), updated -> realized(caller, id, timeout)), g -> json(StatusCodes.OK, g)))
                    .orElseGet(() -> respond(groups.update(caller, id, patch), StatusCodes.OK))))),
                delete(() -> respondDeleted(groups.delete(caller, id))))),
            tags(change -> groups.changeTags(caller, id, change))))));
  }
}
