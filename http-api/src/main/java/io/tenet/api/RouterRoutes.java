package io.tenet.api;

import static io.tenet.topology.service.Asker.then;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.RouterInterfaceRequest;
import io.tenet.topology.model.RouterPatch;
import io.tenet.topology.model.RouterRequest;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.realization.Awaited;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.RealizationWait;
import io.tenet.topology.service.RouterService;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/routers} and {@code /v1/routers/{id}/interfaces[/{subnet_id}]}; {@code GET /v1/routers/{id}?at=} answers the router as it was then.
 * Changing routes and adding an interface take {@code ?wait=realized}: the answer comes once every datapath routing for the router confirmed it.
 */
final class RouterRoutes extends RouteSupport {
  private final RouterService routers;
  private final HistoryService history;

  RouterRoutes(RouterService routers, HistoryService history) {
    this.routers = routers;
    this.history = history;
  }

  /** The router re-read until every datapath routing for it confirmed its current version, or the time is up. */
  private CompletionStage<Outcome<Awaited<RouterView>>> realized(Caller caller, String id, Duration timeout) {
    return RealizationWait.until(() -> routers.get(caller, id), RouterView::realization, timeout);
  }

  Route route(Caller caller) {
    return pathPrefix("routers", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("name", name -> respondList(routers.list(caller), "routers",
                all -> all.stream().filter(r -> name.map(r.name()::equals).orElse(true)).toList()))),
            post(() -> body(RouterRequest.class, request -> newId(caller, "router", request.id(), id ->
                respondCreated(routers.create(caller, id, request), (RouterView r) -> "/v1/routers/" + r.id())))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> concat(
                get(() -> moment("at", at -> respond(at.map(then -> history.routerAt(caller, id, then)).orElseGet(() -> routers.get(caller, id)), StatusCodes.OK))),
                patch(() -> realizationWait(wait -> body(RouterPatch.class, patch -> wait
                    .map(timeout -> respondRealized(then(routers.update(caller, id, patch), updated -> realized(caller, id, timeout)), r -> json(StatusCodes.OK, r)))
                    .orElseGet(() -> respond(routers.update(caller, id, patch), StatusCodes.OK))))),
                delete(() -> respondDeleted(routers.delete(caller, id))))),
            tags(change -> routers.changeTags(caller, id, change)),
            pathPrefix("interfaces", () -> concat(
                pathEnd(() -> post(() -> realizationWait(wait -> body(RouterInterfaceRequest.class, request -> wait
                    .map(timeout -> respondRealized(then(routers.addInterface(caller, id, request), added -> realized(caller, id, timeout)),
                        r -> created(r, (RouterView v) -> "/v1/routers/" + v.id())))
                    .orElseGet(() -> respondCreated(routers.addInterface(caller, id, request), (RouterView r) -> "/v1/routers/" + r.id())))))),
                path(segment(), subnetId -> delete(() -> respondDeleted(routers.removeInterface(caller, id, subnetId))))))))));
  }
}
