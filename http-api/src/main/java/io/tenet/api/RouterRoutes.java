package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.RouterInterfaceRequest;
import io.tenet.topology.model.RouterPatch;
import io.tenet.topology.model.RouterRequest;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.RouterService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/routers} and {@code /v1/routers/{id}/interfaces[/{subnet_id}]}; {@code GET /v1/routers/{id}?at=} answers the router as it was then. */
final class RouterRoutes extends RouteSupport {
  private final RouterService routers;
  private final HistoryService history;

  RouterRoutes(RouterService routers, HistoryService history) {
    this.routers = routers;
    this.history = history;
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
                patch(() -> body(RouterPatch.class, patch -> respond(routers.update(caller, id, patch), StatusCodes.OK))),
                delete(() -> respondDeleted(routers.delete(caller, id))))),
            pathPrefix("interfaces", () -> concat(
                pathEnd(() -> post(() -> body(RouterInterfaceRequest.class, request ->
                    respondCreated(routers.addInterface(caller, id, request), (RouterView r) -> "/v1/routers/" + r.id())))),
                path(segment(), subnetId -> delete(() -> respondDeleted(routers.removeInterface(caller, id, subnetId))))))))));
  }
}
