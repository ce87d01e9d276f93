package io.tenet.api.neutron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.topology.model.AddressPair;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronPortsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static NeutronBody body(String json, java.util.Set<String> allowed) throws Exception {
    return NeutronBody.of(JSON.readTree(json), "port", allowed);
  }

  @Test
  void aCreateCarriesAddressesGroupsAndPairsAndTakesNovasHostAsAHint() throws Exception {
    PortRequest request = NeutronPorts.create(body("""
        {"port": {"network_id": "n1", "name": "vm1", "mac_address": "fa:16:3e:00:00:01", "fixed_ips": [{"subnet_id": "s1", "ip_address": "10.0.0.5"}],
                  "security_groups": ["g1"], "port_security_enabled": "True", "admin_state_up": true, "device_owner": "compute:nova",
                  "device_id": "vm-uuid", "allowed_address_pairs": [{"ip_address": "10.0.0.200"}], "binding:host_id": "hv1",
                  "binding:vnic_type": "normal", "binding:profile": {}}}""", NeutronPorts.createAttributes()), "p1");
    assertEquals(new PortRequest("p1", null, "n1", "vm1", "fa:16:3e:00:00:01", List.of(new FixedIp("s1", "10.0.0.5")), List.of("g1"), true, true,
        "compute:nova", "vm-uuid", List.of(new AddressPair("10.0.0.200", null))), request);
  }

  @Test
  void whatTenetDoesNotKeepOnAPortIsRefused() {
    for (String json : List.of("{\"port\": {\"name\": \"no network\"}}", "{\"port\": {\"network_id\": \"n1\", \"binding:vnic_type\": \"direct\"}}",
        "{\"port\": {\"network_id\": \"n1\", \"binding:profile\": {\"pci\": 1}}}", "{\"port\": {\"network_id\": \"n1\", \"fixed_ips\": [{\"ip\": \"x\"}]}}",
        "{\"port\": {\"network_id\": \"n1\", \"extra_dhcp_opts\": [{\"opt_name\": \"mtu\"}]}}")) {
      NeutronRefused refused = assertThrows(NeutronRefused.class, () -> NeutronPorts.create(body(json, NeutronPorts.createAttributes()), "p"), json);
      assertEquals(400, refused.error().status(), json);
    }
  }

  @Test
  void anUpdateReplacesOnlyWhatItNames() throws Exception {
    assertEquals(new PortPatch("vm2", List.of(), false, null, null, null, null, null, null),
        NeutronPorts.update(body("{\"port\": {\"name\": \"vm2\", \"security_groups\": [], \"port_security_enabled\": false}}", NeutronPorts.updateAttributes())));
  }

  @Test
  void theBindingSaysWhereThePortIsPlugged() {
    PortView bound = new PortView("p1", "t1", "n1", "vm1", "fa:16:3e:00:00:01", List.of(new FixedIp("s1", "10.0.0.5")), List.of(), false, true, null, null,
        PortView.ACTIVE, new PortBinding("0000000000000001", "hv1", "172.31.0.1", 5), Instant.EPOCH, Instant.EPOCH, 2, null);
    JsonNode view = NeutronPorts.view(bound);
    assertEquals("hv1", view.get("binding:host_id").asText());
    assertEquals("ovs", view.get("binding:vif_type").asText());
    assertEquals("ACTIVE", view.get("status").asText());
    assertEquals("", view.get("device_owner").asText());
    assertEquals("10.0.0.5", view.at("/fixed_ips/0/ip_address").asText());
  }

  @Test
  void addressRefusalsAreWordedAsNeutronWordsThem() {
    PortRequest request = new PortRequest("p1", null, "net-1", "vm", "fa:16:3e:00:00:09",
        List.of(new FixedIp("s1", null), new FixedIp("s1", "10.0.0.9")), null, null, null, null, null);
    NeutronError ip = NeutronPorts.refusal(new Problem(ProblemCode.IP_IN_USE, "10.0.0.9 is already used", "fixed_ips[1].ip_address"), request, "p1");
    assertEquals(new NeutronError(409, "IpAddressInUse", "Unable to complete operation for network net-1. The IP address 10.0.0.9 is in use."), ip);
    NeutronError mac = NeutronPorts.refusal(new Problem(ProblemCode.MAC_IN_USE, "MAC is used", "mac_address"), request, "p1");
    assertEquals(new NeutronError(409, "MacAddressInUse", "Unable to complete operation for network net-1. The mac address fa:16:3e:00:00:09 is in use."), mac);
    NeutronError full = NeutronPorts.refusal(new Problem(ProblemCode.SUBNET_EXHAUSTED, "no free address", "fixed_ips[0]"), request, "p1");
    assertEquals(new NeutronError(409, "IpAddressGenerationFailure", "No more IP addresses available on network net-1."), full);
    NeutronError unnamed = NeutronPorts.refusal(new Problem(ProblemCode.IP_IN_USE, "10.0.0.1 is reserved", "subnets"), request, "p1");
    assertEquals(409, unnamed.status(), "an address the request did not name is said in Tenet's words");
    assertEquals("Unable to complete operation: 10.0.0.1 is reserved.", unnamed.message());
    assertEquals(NeutronError.of(Problem.notFound("network", "net-1"), "Port", "p1"),
        NeutronPorts.refusal(Problem.notFound("network", "net-1"), request, "p1"));
  }
}
