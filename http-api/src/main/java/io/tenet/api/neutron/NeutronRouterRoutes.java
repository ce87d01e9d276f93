package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.topology.Caller;
import io.tenet.topology.model.ExternalGatewayRequest;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RouterInterfaceRequest;
import io.tenet.topology.model.RouterPatch;
import io.tenet.topology.model.RouterRequest;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.service.NetworkService;
import io.tenet.topology.service.RouterService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2.0/routers}: Tenet's routers in Neutron's shape, with {@code add_router_interface} and
 * {@code remove_router_interface} (bodies not wrapped, as Neutron takes them). An interface is
 * added by subnet; Tenet makes its port itself.
 */
final class NeutronRouterRoutes extends NeutronSupport {
  private static final String RESOURCE = "Router";
  private final RouterService routers;
  private final NetworkService networks;

  NeutronRouterRoutes(RouterService routers, NetworkService networks) {
    this.routers = routers;
    this.networks = networks;
  }

  Route route(Caller caller) {
    return pathPrefix("routers", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(routers.list(caller),
                all -> page(query, all.stream().map(NeutronRouters::view).toList(), "routers", url), problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              String id = Ids.random();
              NeutronBody body = NeutronBody.of(json, "router", NeutronRouters.createAttributes());
              RouterRequest request = NeutronRouters.create(body, id);
              ExternalGatewayRequest gateway = NeutronRouters.gatewayOnCreate(body);
              return then(routers.create(caller, id, request), created -> gateway == null
                  ? complete(json(201, wrapped("router", NeutronRouters.view(created))))
                  // a gateway asked for at creation is set right after; refused, the router is deleted again
                  : onSuccess(routers.update(caller, id, new RouterPatch(null, null, null, gateway)), withGateway -> withGateway instanceof Outcome.Ok<RouterView> ok
                      ? complete(json(201, wrapped("router", NeutronRouters.view(ok.value()))))
                      : onSuccess(routers.delete(caller, id), undone -> complete(error(NeutronError.of(((Outcome.Rejected<RouterView>) withGateway).problem(), RESOURCE, id))))),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })))),
        path(segment().slash("add_router_interface"), id -> put(() -> body(json -> {
          String subnetId = interfaceSubnet(json);
          return then(networks.list(caller), all -> networkOf(all, subnetId)
              .map(network -> then(routers.addInterface(caller, id, new RouterInterfaceRequest(network.id(), subnetId, null)),
                  router -> complete(json(200, interfaceAnswer(router, subnetId))), problem -> NeutronError.of(problem, RESOURCE, id)))
              .orElseGet(() -> complete(error(new NeutronError(404, "SubnetNotFound", "Subnet " + subnetId + " could not be found.")))),
              problem -> NeutronError.of(problem, RESOURCE, id));
        }))),
        path(segment().slash("remove_router_interface"), id -> put(() -> body(json -> then(routers.get(caller, id), router -> {
          String subnetId = removedSubnet(json, router);
          Map<String, Object> answer = interfaceAnswer(router, subnetId);
          return answer(routers.removeInterface(caller, id, subnetId), after -> json(200, answer), problem -> NeutronError.of(problem, RESOURCE, id));
        }, problem -> NeutronError.of(problem, RESOURCE, id))))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> answer(routers.get(caller, id),
                router -> json(200, wrapped("router", query.project(NeutronRouters.view(router)))), problem -> NeutronError.of(problem, RESOURCE, id)))),
            put(() -> body(json -> answer(routers.update(caller, id, NeutronRouters.update(NeutronBody.of(json, "router", NeutronRouters.updateAttributes()))),
                updated -> json(200, wrapped("router", NeutronRouters.view(updated))), problem -> NeutronError.of(problem, RESOURCE, id)))),
            delete(() -> answer(routers.delete(caller, id), deleted -> noContent(), problem -> NeutronError.of(problem, RESOURCE, id)))))));
  }

  /** The subnet of an add_router_interface body: {@code {"subnet_id": ...}}; a port of the caller's is not taken. */
  private static String interfaceSubnet(JsonNode body) {
    if (body.hasNonNull("port_id")) throw NeutronBody.invalid("port_id", "Tenet makes a router interface's port itself: give subnet_id");
    if (!body.path("subnet_id").isTextual()) throw NeutronBody.invalid("subnet_id", "the subnet to add an interface on");
    return body.get("subnet_id").asText();
  }

  /** The subnet of a remove_router_interface body, named directly or through the interface's port. */
  private static String removedSubnet(JsonNode body, RouterView router) {
    if (body.path("subnet_id").isTextual()) return body.get("subnet_id").asText();
    if (body.path("port_id").isTextual()) {
      String portId = body.get("port_id").asText();
      return router.interfaces().stream().filter(iface -> iface.portId().equals(portId)).map(RouterInterface::subnetId).findFirst()
          .orElseThrow(() -> new NeutronRefused(new NeutronError(404, "RouterInterfaceNotFound",
              "Router " + router.id() + " does not have an interface with id " + portId + ".")));
    }
    throw NeutronBody.invalid("subnet_id", "give subnet_id or port_id of the interface to remove");
  }

  private static Optional<NetworkView> networkOf(List<NetworkView> networks, String subnetId) {
    return networks.stream().filter(network -> network.subnets().stream().anyMatch(subnet -> subnet.id().equals(subnetId))).findFirst();
  }

  /** What Neutron answers for an interface change: the router, the interface's port, subnet and network. */
  private static Map<String, Object> interfaceAnswer(RouterView router, String subnetId) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", router.id());
    answer.put("tenant_id", router.tenantId());
    answer.put("project_id", router.tenantId());
    answer.put("subnet_id", subnetId);
    answer.put("subnet_ids", List.of(subnetId));
    router.interfaces().stream().filter(iface -> iface.subnetId().equals(subnetId)).findFirst().ifPresent(iface -> {
      answer.put("port_id", iface.portId());
      answer.put("network_id", iface.networkId());
    });
    return answer;
  }
}
