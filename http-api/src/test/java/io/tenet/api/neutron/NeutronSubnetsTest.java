package io.tenet.api.neutron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronSubnetsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Subnet STORED = new Subnet("s1", "app", "10.20.0.0/24", "10.20.0.1", List.of(new IpRange("10.20.0.10", "10.20.0.99")), true,
      "10.20.0.10", List.of("10.20.0.53"), List.of(new HostRoute("192.168.0.0/16", "10.20.0.254")));

  static NeutronBody body(String json, java.util.Set<String> allowed) throws Exception {
    return NeutronBody.of(JSON.readTree(json), "subnet", allowed);
  }

  @Test
  void aCreateBecomesTheNetworksNewSubnet() throws Exception {
    NeutronBody create = body("""
        {"subnet": {"network_id": "n1", "cidr": "10.20.0.0/24", "ip_version": 4, "name": "app", "enable_dhcp": "True",
                    "allocation_pools": [{"start": "10.20.0.10", "end": "10.20.0.99"}], "dns_nameservers": ["10.20.0.53"],
                    "host_routes": [{"destination": "192.168.0.0/16", "nexthop": "10.20.0.254"}]}}""", NeutronSubnets.createAttributes());
    assertEquals("n1", NeutronSubnets.networkOf(create));
    assertEquals(new SubnetRequest("s9", "app", "10.20.0.0/24", null, List.of(new IpRange("10.20.0.10", "10.20.0.99")), true, List.of("10.20.0.53"),
        List.of(new HostRoute("192.168.0.0/16", "10.20.0.254"))), NeutronSubnets.create(create, "s9"));
  }

  @Test
  void whatTenetsSubnetsCannotBeIsRefused() {
    for (String json : List.of("{\"subnet\": {\"network_id\": \"n1\", \"cidr\": \"fd00::/64\", \"ip_version\": 6}}",
        "{\"subnet\": {\"network_id\": \"n1\", \"cidr\": \"10.0.0.0/24\", \"gateway_ip\": null}}",
        "{\"subnet\": {\"network_id\": \"n1\", \"subnetpool_id\": \"p1\"}}",
        "{\"subnet\": {\"network_id\": \"n1\"}}")) {
      NeutronRefused refused = assertThrows(NeutronRefused.class, () -> NeutronSubnets.create(body(json, NeutronSubnets.createAttributes()), "s"), json);
      assertEquals(400, refused.error().status());
    }
  }

  @Test
  void anUpdateReplacesWhatItNamesAndKeepsTheRest() throws Exception {
    NeutronBody changes = body("{\"subnet\": {\"name\": \"main\", \"dns_nameservers\": [], \"host_routes\": []}}", NeutronSubnets.updateAttributes());
    assertEquals(new SubnetRequest("s1", "main", "10.20.0.0/24", "10.20.0.1", STORED.allocationPools(), true, List.of(), List.of()),
        NeutronSubnets.update(changes, STORED));
  }

  @Test
  void aRefusalNamesTheSubnetsOwnAttribute() {
    assertEquals("cidr", NeutronSubnets.neutronField("subnets[0].cidr"));
    assertEquals("dns_nameservers", NeutronSubnets.neutronField("subnets[3].dns_servers[1]"));
    assertEquals("allocation_pools", NeutronSubnets.neutronField("subnets[0].allocation_pools[0]"));
    assertNull(NeutronSubnets.neutronField("subnets"));
    assertNull(NeutronSubnets.neutronField(null));
  }
}
