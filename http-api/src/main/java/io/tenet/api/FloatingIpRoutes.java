package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.FloatingIpPatch;
import io.tenet.topology.model.FloatingIpRequest;
import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.service.FloatingIpService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/floating-ips}: allocate from an external network, associate with a port (PATCH {@code port_id}), move, dissociate ({@code {}}), release. */
final class FloatingIpRoutes extends RouteSupport {
  private final FloatingIpService floatingIps;

  FloatingIpRoutes(FloatingIpService floatingIps) {
    this.floatingIps = floatingIps;
  }

  Route route(Caller caller) {
    return pathPrefix("floating-ips", () -> concat(
        pathEnd(() -> concat(
            get(() -> respondList(floatingIps.list(caller), "floating_ips", all -> all)),
            post(() -> body(FloatingIpRequest.class, request -> newId(caller, "floating-ip", request.id(), id ->
                respondCreated(floatingIps.create(caller, id, request), (FloatingIpView f) -> "/v1/floating-ips/" + f.id())))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> concat(
                get(() -> respond(floatingIps.get(caller, id), StatusCodes.OK)),
                patch(() -> body(FloatingIpPatch.class, patch -> respond(floatingIps.update(caller, id, patch), StatusCodes.OK))),
                delete(() -> respondDeleted(floatingIps.delete(caller, id))))),
            tags(change -> floatingIps.changeTags(caller, id, change))))));
  }
}
