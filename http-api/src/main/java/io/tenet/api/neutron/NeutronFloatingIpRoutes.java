package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.FloatingIpRequest;
import io.tenet.topology.model.Ids;
import io.tenet.topology.service.FloatingIpService;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v2.0/floatingips}: Tenet's floating IPs (the same entities as {@code /v1/floating-ips}) in Neutron's shape. */
final class NeutronFloatingIpRoutes extends NeutronSupport {
  private static final String RESOURCE = "FloatingIP";
  private final FloatingIpService floatingIps;

  NeutronFloatingIpRoutes(FloatingIpService floatingIps) {
    this.floatingIps = floatingIps;
  }

  Route route(Caller caller) {
    return pathPrefix("floatingips", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(floatingIps.list(caller),
                all -> page(query, all.stream().map(NeutronFloatingIps::view).toList(), "floatingips", url), problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              String id = Ids.random();
              FloatingIpRequest request = NeutronFloatingIps.create(NeutronBody.of(json, "floatingip", NeutronFloatingIps.createAttributes()), id);
              return answer(floatingIps.create(caller, id, request), created -> json(201, wrapped("floatingip", NeutronFloatingIps.view(created))),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> answer(floatingIps.get(caller, id),
                floatingIp -> json(200, wrapped("floatingip", query.project(NeutronFloatingIps.view(floatingIp)))), problem -> NeutronError.of(problem, RESOURCE, id)))),
            put(() -> body(json -> {
              NeutronBody changes = NeutronBody.of(json, "floatingip", NeutronFloatingIps.updateAttributes());
              return then(floatingIps.get(caller, id), current -> answer(floatingIps.update(caller, id, NeutronFloatingIps.update(changes, current)),
                  updated -> json(200, wrapped("floatingip", NeutronFloatingIps.view(updated))), problem -> NeutronError.of(problem, RESOURCE, id)),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })),
            delete(() -> answer(floatingIps.delete(caller, id), deleted -> noContent(), problem -> NeutronError.of(problem, RESOURCE, id)))))));
  }
}
