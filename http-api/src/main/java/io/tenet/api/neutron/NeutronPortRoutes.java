package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.service.PortService;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v2.0/ports}: Tenet's ports (the same entities as {@code /v1/ports}) in Neutron's shape. */
final class NeutronPortRoutes extends NeutronSupport {
  private static final String RESOURCE = "Port";
  private final PortService ports;

  NeutronPortRoutes(PortService ports) {
    this.ports = ports;
  }

  Route route(Caller caller) {
    return pathPrefix("ports", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(ports.list(caller),
                all -> page(query, all.stream().map(NeutronPorts::view).toList(), "ports", url), problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              String id = Ids.random();
              PortRequest request = NeutronPorts.create(NeutronBody.of(json, "port", NeutronPorts.createAttributes()), id);
              return answer(ports.create(caller, id, request), created -> json(201, wrapped("port", NeutronPorts.view(created))),
                  problem -> NeutronPorts.refusal(problem, request, id));
            })))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> answer(ports.get(caller, id),
                port -> json(200, wrapped("port", query.project(NeutronPorts.view(port)))), problem -> NeutronError.of(problem, RESOURCE, id)))),
            put(() -> body(json -> {
              PortPatch patch = NeutronPorts.update(NeutronBody.of(json, "port", NeutronPorts.updateAttributes()));
              return answer(ports.update(caller, id, patch), updated -> json(200, wrapped("port", NeutronPorts.view(updated))),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })),
            delete(() -> answer(ports.delete(caller, id), deleted -> noContent(), problem -> NeutronError.of(problem, RESOURCE, id)))))));
  }
}
