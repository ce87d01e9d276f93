package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortView;
import io.tenet.topology.service.PortService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/ports}, filterable by {@code network_id}, {@code device_id} and {@code name}. */
final class PortRoutes extends RouteSupport {
  private final PortService ports;

  PortRoutes(PortService ports) {
    this.ports = ports;
  }

  Route route(Caller caller) {
    return pathPrefix("ports", () -> concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("network_id", networkId -> parameterOptional("device_id", deviceId -> parameterOptional("name", name ->
                respondList(ports.list(caller, networkId.orElse(null)), "ports", all -> all.stream()
                    .filter(p -> deviceId.map(p.deviceId()::equals).orElse(true))
                    .filter(p -> name.map(p.name()::equals).orElse(true)).toList()))))),
            post(() -> body(PortRequest.class, request -> newId(caller, "port", request.id(), id ->
                respondCreated(ports.create(caller, id, request), (PortView p) -> "/v1/ports/" + p.id())))))),
        path(segment(), id -> concat(
            get(() -> respond(ports.get(caller, id), StatusCodes.OK)),
            patch(() -> body(PortPatch.class, patch -> respond(ports.update(caller, id, patch), StatusCodes.OK))),
            delete(() -> respondDeleted(ports.delete(caller, id)))))));
  }
}
