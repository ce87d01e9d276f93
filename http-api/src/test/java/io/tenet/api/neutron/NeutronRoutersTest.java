package io.tenet.api.neutron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.topology.model.ExternalGatewayRequest;
import io.tenet.topology.model.FloatingIpPatch;
import io.tenet.topology.model.FloatingIpRequest;
import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.RouterPatch;
import io.tenet.topology.model.RouterView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronRoutersTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static NeutronBody body(String resource, String json, java.util.Set<String> allowed) throws Exception {
    return NeutronBody.of(JSON.readTree(json), resource, allowed);
  }

  @Test
  void anEmptyGatewayRemovesItAndAnAddressForItIsRefused() throws Exception {
    RouterPatch cleared = NeutronRouters.update(body("router", "{\"router\": {\"external_gateway_info\": {}}}", NeutronRouters.updateAttributes()));
    assertEquals(new ExternalGatewayRequest(null, null), cleared.externalGateway());
    RouterPatch set = NeutronRouters.update(body("router", """
        {"router": {"external_gateway_info": {"network_id": "ext", "enable_snat": "False"}, "routes": [{"destination": "10.9.0.0/16", "nexthop": "10.0.0.5"}]}}""",
        NeutronRouters.updateAttributes()));
    assertEquals(new RouterPatch(null, null, List.of(new HostRoute("10.9.0.0/16", "10.0.0.5")), new ExternalGatewayRequest("ext", false)), set);
    assertNull(NeutronRouters.update(body("router", "{\"router\": {\"name\": \"r\"}}", NeutronRouters.updateAttributes())).externalGateway());
    assertThrows(NeutronRefused.class, () -> NeutronRouters.update(body("router",
        "{\"router\": {\"external_gateway_info\": {\"network_id\": \"ext\", \"external_fixed_ips\": [{\"ip_address\": \"203.0.113.9\"}]}}}",
        NeutronRouters.updateAttributes())));
    assertThrows(NeutronRefused.class, () -> NeutronRouters.create(body("router", "{\"router\": {\"ha\": true}}", NeutronRouters.createAttributes()), "r1"));
  }

  @Test
  void aRouterShowsDistributedWithItsGatewayAddress() {
    RouterView router = new RouterView("r1", "t1", "edge", true, List.of(), List.of(), Instant.EPOCH, Instant.EPOCH, 2, null, List.of(), List.of("core"));
    JsonNode view = NeutronRouters.view(router);
    assertEquals("[\"core\"]", view.get("tags").toString());
    assertTrue(view.get("distributed").asBoolean());
    assertTrue(view.get("external_gateway_info").isNull());
    assertEquals("ACTIVE", view.get("status").asText());
  }

  @Test
  void aFloatingIpAssociatesWithAPortAndDissociatesWithNull() throws Exception {
    FloatingIpRequest request = NeutronFloatingIps.create(body("floatingip", "{\"floatingip\": {\"floating_network_id\": \"ext\", \"port_id\": \"p1\"}}",
        NeutronFloatingIps.createAttributes()), "f1");
    assertEquals(new FloatingIpRequest("f1", null, "ext", null, "p1", null), request);
    FloatingIpView current = new FloatingIpView("f1", "t1", "ext", "203.0.113.5", "ep", "p1", "10.0.0.3", "r1", Instant.EPOCH, Instant.EPOCH, 3, List.of());
    assertEquals(new FloatingIpPatch(null, null), NeutronFloatingIps.update(body("floatingip", "{\"floatingip\": {\"port_id\": null}}",
        NeutronFloatingIps.updateAttributes()), current));
    assertEquals(new FloatingIpPatch("p1", "10.0.0.3"), NeutronFloatingIps.update(body("floatingip", "{\"floatingip\": {}}",
        NeutronFloatingIps.updateAttributes()), current), "naming no port changes nothing");
    assertEquals("ACTIVE", NeutronFloatingIps.view(current).get("status").asText());
  }
}
