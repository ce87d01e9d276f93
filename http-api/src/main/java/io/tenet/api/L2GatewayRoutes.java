package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.L2GatewayPatch;
import io.tenet.topology.model.L2GatewayRequest;
import io.tenet.topology.model.L2GatewayView;
import io.tenet.topology.service.L2GatewayService;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/l2-gateways}: bridge a tenant network to a VLAN (administrators), change its hosts' priorities, remove it; tenants read their networks'. */
final class L2GatewayRoutes extends RouteSupport {
  private final L2GatewayService l2Gateways;

  L2GatewayRoutes(L2GatewayService l2Gateways) {
    this.l2Gateways = l2Gateways;
  }

  Route route(Caller caller) {
    return pathPrefix("l2-gateways", () -> concat(
        pathEnd(() -> concat(
            get(() -> respondList(l2Gateways.list(caller), "l2_gateways", all -> all)),
            post(() -> body(L2GatewayRequest.class, request ->
                respondCreated(l2Gateways.create(caller, request), (L2GatewayView gateway) -> "/v1/l2-gateways/" + gateway.id()))))),
        path(segment(), id -> concat(
            get(() -> respond(l2Gateways.get(caller, id), StatusCodes.OK)),
            patch(() -> body(L2GatewayPatch.class, patch -> respond(l2Gateways.update(caller, id, patch), StatusCodes.OK))),
            delete(() -> respondDeleted(l2Gateways.delete(caller, id)))))));
  }
}
