package io.tenet.api;

import static io.tenet.topology.service.Asker.then;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortView;
import io.tenet.topology.service.HistoryService;
import io.tenet.topology.service.NetworkService;
import io.tenet.topology.service.PortService;
import io.tenet.topology.service.RealizationWait;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/ports}, filterable by {@code network_id}, {@code device_id} and {@code name};
 * {@code GET /v1/ports/{id}?at=<time>} answers the port as it was then. Changes
 * take {@code ?wait=realized}: a create or update answers once the port's network view that
 * carries it is confirmed on every datapath of the network, a delete once the view without it is.
 */
final class PortRoutes extends RouteSupport {
  private static final Function<PortView, String> LOCATION = p -> "/v1/ports/" + p.id();
  private final PortService ports;
  private final NetworkService networks;
  private final HistoryService history;

  PortRoutes(PortService ports, NetworkService networks, HistoryService history) {
    this.ports = ports;
    this.networks = networks;
    this.history = history;
  }

  Route route(Caller caller) {
    return pathPrefix("ports", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("network_id", networkId -> parameterOptional("device_id", deviceId -> parameterOptional("name", name ->
                respondList(ports.list(caller, networkId.orElse(null)), "ports", all -> all.stream()
                    .filter(p -> deviceId.map(p.deviceId()::equals).orElse(true))
                    .filter(p -> name.map(p.name()::equals).orElse(true)).toList()))))),
            post(() -> realizationWait(wait -> body(PortRequest.class, request -> newId(caller, "port", request.id(), id -> wait
                .map(timeout -> respondRealized(then(ports.create(caller, id, request), created ->
                    RealizationWait.until(() -> ports.get(caller, created.id()), PortView::realization, timeout)), p -> created(p, LOCATION)))
                .orElseGet(() -> respondCreated(ports.create(caller, id, request), LOCATION)))))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> concat(
                get(() -> moment("at", at -> respond(at.map(then -> history.portAt(caller, id, then)).orElseGet(() -> ports.get(caller, id)), StatusCodes.OK))),
                patch(() -> realizationWait(wait -> body(PortPatch.class, patch -> wait
                    .map(timeout -> respondRealized(then(ports.update(caller, id, patch), updated ->
                        RealizationWait.until(() -> ports.get(caller, id), PortView::realization, timeout)), p -> json(StatusCodes.OK, p)))
                    .orElseGet(() -> respond(ports.update(caller, id, patch), StatusCodes.OK))))),
                delete(() -> realizationWait(wait -> wait
                    .map(timeout -> respondRealized(then(ports.delete(caller, id), gone ->
                        RealizationWait.until(() -> networks.get(caller, gone.networkId()), NetworkView::realization, timeout)), n -> deleted()))
                    .orElseGet(() -> respondDeleted(ports.delete(caller, id))))))),
            tags(change -> ports.changeTags(caller, id, change))))));
  }
}
