package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.service.NetworkService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/networks}. */
final class NetworkRoutes extends RouteSupport {
  private final NetworkService networks;

  NetworkRoutes(NetworkService networks) {
    this.networks = networks;
  }

  Route route(Caller caller) {
    return pathPrefix("networks", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("name", name -> respondList(networks.list(caller), "networks",
                all -> all.stream().filter(n -> name.map(n.name()::equals).orElse(true)).toList()))),
            post(() -> body(NetworkRequest.class, request -> newId(caller, "network", request.id(), id ->
                respondCreated(networks.create(caller, id, request), (NetworkView n) -> "/v1/networks/" + n.id())))))),
        path(segment(), id -> concat(
            get(() -> respond(networks.get(caller, id), StatusCodes.OK)),
            patch(() -> body(NetworkPatch.class, patch -> respond(networks.update(caller, id, patch), StatusCodes.OK))),
            delete(() -> respondDeleted(networks.delete(caller, id)))))));
  }
}
