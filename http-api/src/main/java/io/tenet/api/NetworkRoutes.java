package io.tenet.api;

import static io.tenet.topology.service.Asker.then;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.NetworkService;
import io.tenet.topology.service.RealizationWait;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/networks}; {@code GET /v1/networks/{id}?at=<time>} answers the network as it was then; {@code PUT .../tags} (also
 * {@code /v1/networks/{id}/subnets/{subnetId}/tags}) replaces tags. Changes take {@code ?wait=realized} (see {@link PortRoutes}); a network can
 * only be deleted without ports, when no datapath implements it, so a delete never waits.
 */
final class NetworkRoutes extends RouteSupport {
  private static final Function<NetworkView, String> LOCATION = n -> "/v1/networks/" + n.id();
  private final NetworkService networks;
  private final HistoryService history;

  NetworkRoutes(NetworkService networks, HistoryService history) {
    this.networks = networks;
    this.history = history;
  }

  Route route(Caller caller) {
    return pathPrefix("networks", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("name", name -> respondList(networks.list(caller), "networks",
                all -> all.stream().filter(n -> name.map(n.name()::equals).orElse(true)).toList()))),
            post(() -> realizationWait(wait -> body(NetworkRequest.class, request -> newId(caller, "network", request.id(), id -> wait
                .map(timeout -> respondRealized(then(networks.create(caller, id, request), created ->
                    RealizationWait.until(() -> networks.get(caller, id), NetworkView::realization, timeout)), n -> created(n, LOCATION)))
                .orElseGet(() -> respondCreated(networks.create(caller, id, request), LOCATION)))))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> concat(
                get(() -> moment("at", at -> respond(at.map(then -> history.networkAt(caller, id, then)).orElseGet(() -> networks.get(caller, id)), StatusCodes.OK))),
                patch(() -> realizationWait(wait -> body(NetworkPatch.class, patch -> wait
                    .map(timeout -> respondRealized(then(networks.update(caller, id, patch), updated ->
                        RealizationWait.until(() -> networks.get(caller, id), NetworkView::realization, timeout)), n -> json(StatusCodes.OK, n)))
                    .orElseGet(() -> respond(networks.update(caller, id, patch), StatusCodes.OK))))),
                delete(() -> realizationWait(wait -> respondDeleted(networks.delete(caller, id)))))),
            tags(change -> networks.changeTags(caller, id, null, change)),
            pathPrefix("subnets", () -> pathPrefix(segment(), subnetId -> tags(change -> networks.changeTags(caller, id, subnetId, change))))))));
  }
}
