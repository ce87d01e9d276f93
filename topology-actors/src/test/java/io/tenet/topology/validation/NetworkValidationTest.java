package io.tenet.topology.validation;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static io.tenet.topology.testing.Fixtures.subnetRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderRequest;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkValidationTest {
  private static final String NET = "net-1";

  private static NetworkRequest request(SubnetRequest... subnets) {
    return new NetworkRequest(NET, null, "blue", null, null, null, Arrays.asList(subnets));
  }

  private static Outcome<NetworkSpec> validate(SubnetRequest... subnets) {
    return NetworkValidation.validate(NET, request(subnets));
  }

  private static SubnetRequest withGateway(String cidr, String gateway) {
    return new SubnetRequest(null, null, cidr, gateway, null, null, null, null);
  }

  private static SubnetRequest withPools(String cidr, IpRange... pools) {
    return new SubnetRequest(null, null, cidr, null, Arrays.asList(pools), null, null, null);
  }

  private static Subnet onlySubnet(Outcome<NetworkSpec> outcome) {
    List<Subnet> subnets = ok(outcome).subnets();
    assertEquals(1, subnets.size());
    return subnets.get(0);
  }

  @Test
  void fillsEveryDefault() {
    NetworkSpec spec = ok(NetworkValidation.validate(NET, new NetworkRequest(NET, null, null, null, null, null, List.of(subnetRequest("10.0.0.0/24")))));
    assertEquals("", spec.name());
    assertNull(spec.requestedVni());
    assertEquals(1450, spec.mtu());
    assertEquals(NetworkValidation.DEFAULT_MTU, spec.mtu());
    assertTrue(spec.adminStateUp());
    Subnet subnet = spec.subnets().get(0);
    assertEquals("10.0.0.0/24", subnet.cidr());
    assertEquals("10.0.0.1", subnet.gatewayIp());
    assertEquals(List.of(new IpRange("10.0.0.2", "10.0.0.254")), subnet.allocationPools());
    assertTrue(subnet.dhcpEnabled());
    assertEquals("10.0.0.2", subnet.dhcpServerIp());
    assertEquals(List.of(), subnet.dnsServers());
    assertEquals(List.of(), subnet.hostRoutes());
    assertEquals("", subnet.name());
  }

  @Test
  void noSubnetsIsAValidNetwork() {
    assertEquals(List.of(), ok(NetworkValidation.validate(NET, new NetworkRequest(NET, null, "x", null, null, null, null))).subnets());
    assertEquals(List.of(), ok(validate()).subnets());
  }

  @Test
  void subnetIdIsDerivedFromNetworkAndCidrUnlessGiven() {
    Subnet derived = onlySubnet(validate(subnetRequest("10.0.0.0/24")));
    assertEquals(Ids.derived(NET, "subnet", "10.0.0.0/24"), derived.id());
    assertEquals(derived.id(), onlySubnet(validate(subnetRequest("10.0.0.0/24"))).id());
    assertNotEquals(derived.id(), NetworkValidation.subnets("net-2", List.of(subnetRequest("10.0.0.0/24"))).get(0).id());
    Subnet given = onlySubnet(validate(new SubnetRequest("sub-a", "a", "10.0.0.0/24", null, null, null, null, null)));
    assertEquals("sub-a", given.id());
    assertEquals("a", given.name());
    rejected(validate(new SubnetRequest("bad id", null, "10.0.0.0/24", null, null, null, null, null)), ProblemCode.INVALID_VALUE, "subnets[0].id");
  }

  @Test
  void gatewayInTheMiddleSplitsTheDefaultPool() {
    Subnet subnet = onlySubnet(validate(withGateway("10.0.0.0/24", "10.0.0.100")));
    assertEquals("10.0.0.100", subnet.gatewayIp());
    assertEquals(List.of(new IpRange("10.0.0.1", "10.0.0.99"), new IpRange("10.0.0.101", "10.0.0.254")), subnet.allocationPools());
    assertEquals("10.0.0.1", subnet.dhcpServerIp());
  }

  @Test
  void gatewayOnTheLastHost() {
    Subnet subnet = onlySubnet(validate(withGateway("10.0.0.0/24", "10.0.0.254")));
    assertEquals(List.of(new IpRange("10.0.0.1", "10.0.0.253")), subnet.allocationPools());
    assertEquals("10.0.0.1", subnet.dhcpServerIp());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.255", "10.0.1.1", "10.0.0.1/24", "10.0.0.01", "gateway"})
  void refusesAGatewayThatIsNoHostOfTheSubnet(String gateway) {
    rejected(validate(withGateway("10.0.0.0/24", gateway)), ProblemCode.INVALID_VALUE, "subnets[0].gateway_ip");
  }

  @Test
  void dhcpOffHasNoServerAddress() {
    Subnet subnet = onlySubnet(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, null, false, null, null)));
    assertFalse(subnet.dhcpEnabled());
    assertNull(subnet.dhcpServerIp());
    assertEquals(List.of(new IpRange("10.0.0.2", "10.0.0.254")), subnet.allocationPools());
  }

  @Test
  void mtuDefaultsAndBounds() {
    NetworkRequest base = request(subnetRequest("10.0.0.0/24"));
    assertEquals(576, ok(NetworkValidation.validate(NET, withMtu(base, 576))).mtu());
    assertEquals(9000, ok(NetworkValidation.validate(NET, withMtu(base, 9000))).mtu());
    rejected(NetworkValidation.validate(NET, withMtu(base, 575)), ProblemCode.INVALID_VALUE, "mtu");
    rejected(NetworkValidation.validate(NET, withMtu(base, 9001)), ProblemCode.INVALID_VALUE, "mtu");
    rejected(NetworkValidation.validate(NET, withMtu(base, 0)), ProblemCode.INVALID_VALUE, "mtu");
  }

  private static NetworkRequest withMtu(NetworkRequest r, Integer mtu) {
    return new NetworkRequest(r.id(), r.tenantId(), r.name(), r.vni(), mtu, r.adminStateUp(), r.subnets());
  }

  private static NetworkRequest withVni(NetworkRequest r, Integer vni) {
    return new NetworkRequest(r.id(), r.tenantId(), r.name(), vni, r.mtu(), r.adminStateUp(), r.subnets());
  }

  @Test
  void vniRange() {
    NetworkRequest base = request();
    assertEquals(1, ok(NetworkValidation.validate(NET, withVni(base, 1))).requestedVni());
    assertEquals(16_777_215, ok(NetworkValidation.validate(NET, withVni(base, (1 << 24) - 1))).requestedVni());
    rejected(NetworkValidation.validate(NET, withVni(base, 0)), ProblemCode.INVALID_VALUE, "vni");
    rejected(NetworkValidation.validate(NET, withVni(base, -5)), ProblemCode.INVALID_VALUE, "vni");
    rejected(NetworkValidation.validate(NET, withVni(base, 1 << 24)), ProblemCode.INVALID_VALUE, "vni");
  }

  private static NetworkRequest external(Boolean external, ProviderRequest provider) {
    return new NetworkRequest(NET, null, "public", null, null, null, List.of(subnetRequest("203.0.113.0/24")), external, provider);
  }

  @Test
  void externalNetworksNameAFlatOrVlanSegment() {
    NetworkSpec flat = ok(NetworkValidation.validate(NET, external(true, new ProviderRequest("flat", "physnet1", null))));
    assertTrue(flat.external());
    assertEquals(new ProviderSegment(ProviderType.FLAT, "physnet1", null), flat.provider());
    assertEquals(new ExternalClaim(flat.provider(), List.of("203.0.113.0/24")), flat.claim());
    NetworkSpec vlan = ok(NetworkValidation.validate(NET, external(true, new ProviderRequest("vlan", "physnet1", 4094))));
    assertEquals(new ProviderSegment(ProviderType.VLAN, "physnet1", 4094), vlan.provider());
    NetworkSpec tenant = ok(NetworkValidation.validate(NET, external(false, null)));
    assertFalse(tenant.external());
    assertNull(tenant.claim());
  }

  @Test
  void badProvidersAreRefused() {
    rejected(NetworkValidation.validate(NET, external(true, null)), ProblemCode.MISSING_VALUE, "provider");
    rejected(NetworkValidation.validate(NET, external(null, new ProviderRequest("flat", "physnet1", null))), ProblemCode.INVALID_VALUE, "provider");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest(null, "physnet1", null))), ProblemCode.MISSING_VALUE, "provider.type");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("gre", "physnet1", null))), ProblemCode.INVALID_VALUE, "provider.type");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("flat", null, null))), ProblemCode.MISSING_VALUE, "provider.physical_network");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("flat", "phys net", null))), ProblemCode.INVALID_VALUE, "provider.physical_network");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("flat", "physnet1", 100))), ProblemCode.INVALID_VALUE, "provider.segmentation_id");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("vlan", "physnet1", null))), ProblemCode.MISSING_VALUE, "provider.segmentation_id");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("vlan", "physnet1", 0))), ProblemCode.INVALID_VALUE, "provider.segmentation_id");
    rejected(NetworkValidation.validate(NET, external(true, new ProviderRequest("vlan", "physnet1", 4095))), ProblemCode.INVALID_VALUE, "provider.segmentation_id");
  }

  @Test
  void adminStateAndName() {
    NetworkRequest down = new NetworkRequest(NET, null, "n", null, null, false, null);
    assertFalse(ok(NetworkValidation.validate(NET, down)).adminStateUp());
    rejected(NetworkValidation.validate(NET, new NetworkRequest(NET, null, "x".repeat(256), null, null, null, null)), ProblemCode.INVALID_VALUE, "name");
    rejected(NetworkValidation.validate(NET, new NetworkRequest(NET, null, "a\nb", null, null, null, null)), ProblemCode.INVALID_VALUE, "name");
    assertEquals("x".repeat(255), ok(NetworkValidation.validate(NET, new NetworkRequest(NET, null, "x".repeat(255), null, null, null, null))).name());
  }

  @Test
  void overlappingSubnetsAreRefused() {
    rejected(validate(subnetRequest("10.0.0.0/24"), subnetRequest("10.0.0.128/25")), ProblemCode.OVERLAPPING_SUBNET, "subnets[1].cidr");
    rejected(validate(subnetRequest("10.0.0.0/24"), subnetRequest("10.1.0.0/24"), subnetRequest("10.0.0.0/16")), ProblemCode.OVERLAPPING_SUBNET, "subnets[2].cidr");
    rejected(validate(subnetRequest("10.0.0.0/24"), subnetRequest("10.0.0.0/24")), ProblemCode.OVERLAPPING_SUBNET, "subnets[1].cidr");
    assertEquals(2, ok(validate(subnetRequest("10.0.0.0/24"), subnetRequest("10.0.1.0/24"))).subnets().size());
  }

  @Test
  void subnetIdsMustBeDistinct() {
    SubnetRequest a = new SubnetRequest("same", null, "10.0.0.0/24", null, null, null, null, null);
    SubnetRequest b = new SubnetRequest("same", null, "10.0.1.0/24", null, null, null, null, null);
    rejected(validate(a, b), ProblemCode.INVALID_VALUE, "subnets[1].id");
  }

  @Test
  void prefixLongerThan29IsRefused() {
    Subnet smallest = onlySubnet(validate(subnetRequest("10.0.0.8/29")));
    assertEquals("10.0.0.9", smallest.gatewayIp());
    assertEquals(List.of(new IpRange("10.0.0.10", "10.0.0.14")), smallest.allocationPools());
    assertEquals("10.0.0.10", smallest.dhcpServerIp());
    rejected(validate(subnetRequest("10.0.0.0/30")), ProblemCode.INVALID_VALUE, "subnets[0].cidr");
    rejected(validate(subnetRequest("10.0.0.0/31")), ProblemCode.INVALID_VALUE, "subnets[0].cidr");
    rejected(validate(subnetRequest("10.0.0.1/32")), ProblemCode.INVALID_VALUE, "subnets[0].cidr");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1/24", "10.0.0.0/33", "10.0.0.0", "banana", "010.0.0.0/24"})
  void malformedCidrsAreRefused(String cidr) {
    rejected(validate(subnetRequest(cidr)), ProblemCode.INVALID_VALUE, "subnets[0].cidr");
  }

  @Test
  void missingCidrOrNullSubnet() {
    rejected(validate(subnetRequest(null)), ProblemCode.INVALID_VALUE, "subnets[0].cidr");
    List<SubnetRequest> withNull = new ArrayList<>();
    withNull.add(null);
    rejected(NetworkValidation.validate(NET, new NetworkRequest(NET, null, "x", null, null, null, withNull)), ProblemCode.INVALID_VALUE, "subnets[0]");
  }

  @Test
  void explicitPoolsAreSortedAndTheDhcpServerIsTheirFirstAddress() {
    Subnet subnet = onlySubnet(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.200", "10.0.0.210"), new IpRange("10.0.0.50", "10.0.0.60"))));
    assertEquals(List.of(new IpRange("10.0.0.50", "10.0.0.60"), new IpRange("10.0.0.200", "10.0.0.210")), subnet.allocationPools());
    assertEquals("10.0.0.50", subnet.dhcpServerIp());
    assertEquals("10.0.0.1", subnet.gatewayIp());
    // an empty list means "the default pools"
    assertEquals(List.of(new IpRange("10.0.0.2", "10.0.0.254")), onlySubnet(validate(withPools("10.0.0.0/24"))).allocationPools());
    // a single-address pool is allowed
    assertEquals(List.of(new IpRange("10.0.0.9", "10.0.0.9")), onlySubnet(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.9", "10.0.0.9")))).allocationPools());
  }

  @Test
  void badPoolsAreRefused() {
    String field = "subnets[0].allocation_pools[0]";
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.20", "10.0.0.10"))), ProblemCode.INVALID_VALUE, field);
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.0", "10.0.0.10"))), ProblemCode.INVALID_VALUE, field);
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.10", "10.0.0.255"))), ProblemCode.INVALID_VALUE, field);
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.10", "10.0.1.10"))), ProblemCode.INVALID_VALUE, field);
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.1", "10.0.0.10"))), ProblemCode.INVALID_VALUE, field); // holds the gateway
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.x", "10.0.0.10"))), ProblemCode.INVALID_VALUE, field + ".start");
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.2", null))), ProblemCode.INVALID_VALUE, field + ".end");
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.2", "10.0.0.20"), new IpRange("10.0.0.20", "10.0.0.30"))),
        ProblemCode.INVALID_VALUE, "subnets[0].allocation_pools[1]");
    rejected(validate(withPools("10.0.0.0/24", new IpRange("10.0.0.50", "10.0.0.60"), new IpRange("10.0.0.2", "10.0.0.100"))),
        ProblemCode.INVALID_VALUE, "subnets[0].allocation_pools[1]");
    List<IpRange> withNull = new ArrayList<>();
    withNull.add(null);
    rejected(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, withNull, null, null, null)), ProblemCode.INVALID_VALUE, field);
  }

  @Test
  void dnsServersAndHostRoutesAreCheckedAndCanonical() {
    Subnet subnet = onlySubnet(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, null, null, List.of("8.8.8.8", "1.1.1.1"),
        List.of(new HostRoute("192.168.0.0/16", "10.0.0.254")))));
    assertEquals(List.of("8.8.8.8", "1.1.1.1"), subnet.dnsServers());
    assertEquals(List.of(new HostRoute("192.168.0.0/16", "10.0.0.254")), subnet.hostRoutes());
    rejected(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, null, null, List.of("8.8.8.8", "dns.example"), null)),
        ProblemCode.INVALID_VALUE, "subnets[0].dns_servers[1]");
    rejected(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, null, null, List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.6"), null)),
        ProblemCode.INVALID_VALUE, "subnets[0].dns_servers");
    rejected(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, null, null, null,
        List.of(new HostRoute("192.168.0.0/16", "10.0.0.254"), new HostRoute("192.168.0.0/16", "10.0.0.254")))), ProblemCode.INVALID_VALUE, "subnets[0].host_routes[1]");
    rejected(validate(new SubnetRequest(null, null, "10.0.0.0/24", null, null, null, null,
        List.of(new HostRoute("192.168.0.1/16", "10.0.0.254")))), ProblemCode.INVALID_VALUE, "subnets[0].host_routes[0].destination");
  }
}
