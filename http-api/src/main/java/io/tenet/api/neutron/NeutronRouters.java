package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.ExternalGatewayRequest;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.RouterPatch;
import io.tenet.topology.model.RouterRequest;
import io.tenet.topology.model.RouterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tenet's routers as Neutron routers, both ways (pure). Every Tenet router is distributed (each
 * hypervisor routes for its own VMs), so {@code distributed} is always true and {@code ha} false;
 * its external gateway's address is chosen by Tenet.
 */
final class NeutronRouters {
  private static final Set<String> WRITABLE = Set.of("name", "admin_state_up", "routes", "external_gateway_info", "description", "distributed", "ha");
  private static final Set<String> CREATE = NeutronBody.names(WRITABLE, Set.of("tenant_id", "project_id", "availability_zone_hints", "flavor_id"));

  private NeutronRouters() {}

  static Set<String> createAttributes() {
    return CREATE;
  }

  static Set<String> updateAttributes() {
    return WRITABLE;
  }

  static RouterRequest create(NeutronBody router, String id) {
    rejectUnkept(router);
    router.onlyAsAlways("availability_zone_hints", List.of(), "Tenet has no availability zones");
    if (router.string("flavor_id") != null) throw NeutronBody.invalid("flavor_id", "Tenet has no router flavors");
    return new RouterRequest(id, router.project(), router.string("name"), router.bool("admin_state_up"), routes(router));
  }

  /** The update's changes; {@code external_gateway_info} {} or null removes the gateway. */
  static RouterPatch update(NeutronBody router) {
    rejectUnkept(router);
    return new RouterPatch(router.string("name"), router.bool("admin_state_up"), routes(router), gateway(router));
  }

  /** The gateway a create asks for, set right after the router is made (null: none). */
  static ExternalGatewayRequest gatewayOnCreate(NeutronBody router) {
    ExternalGatewayRequest gateway = gateway(router);
    return gateway == null || gateway.networkId() == null ? null : gateway;
  }

  static ObjectNode view(RouterView router) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", router.id());
    json.put("name", router.name() == null ? "" : router.name());
    json.put("tenant_id", router.tenantId());
    json.put("project_id", router.tenantId());
    json.put("admin_state_up", router.adminStateUp());
    json.put("status", router.adminStateUp() ? "ACTIVE" : "DOWN");
    if (router.externalGateway() == null) {
      json.putNull("external_gateway_info");
    } else {
      ObjectNode gateway = json.putObject("external_gateway_info");
      gateway.put("network_id", router.externalGateway().networkId());
      gateway.put("enable_snat", router.externalGateway().enableSnat());
      gateway.putArray("external_fixed_ips").addObject().put("ip_address", router.externalGateway().ipAddress());
    }
    ArrayNode routes = json.putArray("routes");
    router.routes().forEach(route -> routes.addObject().put("destination", route.destination()).put("nexthop", route.nexthop()));
    json.put("distributed", true);
    json.put("ha", false);
    json.putArray("availability_zone_hints");
    json.putArray("availability_zones");
    json.putNull("flavor_id");
    json.put("description", "");
    NeutronValues.putTags(json, router.tags());
    json.put("created_at", NeutronNetworks.time(router.createdAt()));
    json.put("updated_at", NeutronNetworks.time(router.updatedAt()));
    json.put("revision_number", router.revision());
    return json;
  }

  private static void rejectUnkept(NeutronBody router) {
    router.onlyAsAlways("description", "", "Tenet keeps no description of a router");
    router.onlyAsAlways("distributed", true, "every Tenet router is distributed");
    router.onlyAsAlways("ha", false, "Tenet's routers are distributed; their gateways fail over by themselves");
  }

  private static List<HostRoute> routes(NeutronBody router) {
    List<JsonNode> listed = router.list("routes");
    if (listed == null) return null;
    List<HostRoute> routes = new ArrayList<>();
    for (JsonNode route : listed) {
      if (!route.isObject() || !route.path("destination").isTextual() || !route.path("nexthop").isTextual()) {
        throw NeutronBody.invalid("routes", "each route is {\"destination\": <cidr>, \"nexthop\": <address>}");
      }
      routes.add(new HostRoute(route.get("destination").asText(), route.get("nexthop").asText()));
    }
    return routes;
  }

  private static ExternalGatewayRequest gateway(NeutronBody router) {
    if (!router.has("external_gateway_info")) return null;
    JsonNode info = router.raw("external_gateway_info");
    if (info.isNull() || (info.isObject() && info.isEmpty())) return new ExternalGatewayRequest(null, null); // removes it
    if (!info.isObject()) throw NeutronBody.invalid("external_gateway_info", "an object with network_id, or {} to remove the gateway");
    if (info.has("external_fixed_ips") && !(info.get("external_fixed_ips").isArray() && info.get("external_fixed_ips").isEmpty())) {
      throw NeutronBody.invalid("external_fixed_ips", "Tenet chooses the gateway's address on the external network");
    }
    JsonNode snat = info.get("enable_snat");
    Boolean enableSnat = snat == null || snat.isNull() ? null : NeutronValues.bool(snat);
    if (snat != null && !snat.isNull() && enableSnat == null) throw NeutronBody.invalid("enable_snat", "'" + snat.asText() + "' is not a boolean");
    JsonNode network = info.get("network_id");
    if (network == null || !network.isTextual()) throw NeutronBody.invalid("external_gateway_info", "network_id names the external network");
    return new ExternalGatewayRequest(network.asText(), enableSnat);
  }
}
