package io.tenet.api.neutron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.ProviderRequest;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronNetworksTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final NetworkView WEB = new NetworkView("n1", "t1", "web", 4097, 1450, true, List.of(), Instant.parse("2026-12-07T05:00:00.123Z"),
      Instant.parse("2026-12-07T05:00:00.123Z"), 3, null, false, null);

  static NeutronBody create(String json) throws Exception {
    return NeutronBody.of(JSON.readTree(json), "network", NeutronNetworks.createAttributes());
  }

  static NeutronBody update(String json) throws Exception {
    return NeutronBody.of(JSON.readTree(json), "network", NeutronNetworks.updateAttributes());
  }

  @Test
  void aCreateReadsNumbersAndBooleansAsTheClientSendsThem() throws Exception {
    NetworkRequest request = NeutronNetworks.create(create("""
        {"network": {"name": "web", "mtu": "1400", "admin_state_up": "False", "shared": false, "port_security_enabled": true,
                     "provider:network_type": "vxlan", "provider:segmentation_id": 5000}}"""), "n1");
    assertEquals(new NetworkRequest("n1", null, "web", 5000, 1400, false, List.of(), null, null), request);
  }

  @Test
  void anExternalNetworkIsAProviderSegmentOfAPhysicalNetwork() throws Exception {
    NetworkRequest request = NeutronNetworks.create(create("""
        {"network": {"name": "public", "router:external": true, "provider:network_type": "VLAN", "provider:physical_network": "physnet1",
                     "provider:segmentation_id": 100, "project_id": "t9"}}"""), "n2");
    assertEquals(new NetworkRequest("n2", "t9", "public", null, null, null, List.of(), true, new ProviderRequest("vlan", "physnet1", 100)), request);
    NeutronRefused tenantVlan = assertThrows(NeutronRefused.class, () -> NeutronNetworks.create(create("""
        {"network": {"provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 100}}"""), "n3"));
    assertEquals("InvalidInput", tenantVlan.error().type());
  }

  @Test
  void whatTenetDoesNotKeepIsRefusedNamingTheAttribute() {
    for (String body : List.of("{\"network\": {\"shared\": true}}", "{\"network\": {\"port_security_enabled\": false}}",
        "{\"network\": {\"description\": \"a note\"}}", "{\"network\": {\"mtu\": \"big\"}}")) {
      NeutronRefused refused = assertThrows(NeutronRefused.class, () -> NeutronNetworks.create(create(body), "n"), body);
      assertEquals(400, refused.error().status());
      assertTrue(refused.error().message().startsWith("Invalid input for "), refused.error().message());
    }
    NeutronRefused unknown = assertThrows(NeutronRefused.class, () -> create("{\"network\": {\"name\": \"x\", \"colour\": \"red\", \"qos_policy_id\": \"q\"}}"));
    assertEquals("Unrecognized attribute(s) 'colour, qos_policy_id'", unknown.error().message());
    assertThrows(NeutronRefused.class, () -> create("{\"networks\": []}"));
    NeutronRefused twoProjects = assertThrows(NeutronRefused.class,
        () -> NeutronNetworks.create(create("{\"network\": {\"tenant_id\": \"t1\", \"project_id\": \"t2\"}}"), "n"));
    assertEquals("Invalid input for project_id. Reason: tenant_id and project_id differ.", twoProjects.error().message());
  }

  @Test
  void anUpdateChangesWhatTenetChangesAndAcceptsTheRestOnlyUnchanged() throws Exception {
    assertEquals(new NetworkPatch("web2", 1400, null, null), NeutronNetworks.update(update("{\"network\": {\"name\": \"web2\", \"mtu\": 1400}}"), WEB));
    assertEquals(new NetworkPatch(null, null, null, null), NeutronNetworks.update(update("{\"network\": {\"router:external\": false}}"), WEB));
    assertThrows(NeutronRefused.class, () -> NeutronNetworks.update(update("{\"network\": {\"router:external\": true}}"), WEB));
  }

  @Test
  void theViewIsNeutronsNetwork() {
    JsonNode view = NeutronNetworks.view(WEB);
    assertEquals("ACTIVE", view.get("status").asText());
    assertEquals("t1", view.get("project_id").asText());
    assertEquals("vxlan", view.get("provider:network_type").asText());
    assertEquals(4097, view.get("provider:segmentation_id").asInt());
    assertTrue(view.get("provider:physical_network").isNull());
    assertEquals("2026-12-07T05:00:00Z", view.get("created_at").asText());

    NetworkView flat = new NetworkView("n2", "t1", "public", 4098, 1500, true, List.of(), WEB.createdAt(), WEB.updatedAt(), 1, null, true,
        new ProviderSegment(ProviderType.FLAT, "physnet1", null));
    JsonNode external = NeutronNetworks.view(flat);
    assertEquals("flat", external.get("provider:network_type").asText());
    assertEquals("physnet1", external.get("provider:physical_network").asText());
    assertNull(external.get("provider:segmentation_id").textValue());
    assertTrue(external.get("router:external").asBoolean());
  }
}
