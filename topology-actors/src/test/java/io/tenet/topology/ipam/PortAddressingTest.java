package io.tenet.topology.ipam;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.rejected;
import static io.tenet.topology.testing.Fixtures.routerPortSpec;
import static io.tenet.topology.testing.Fixtures.subnets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.validation.NetworkValidation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAddressingTest {
  private static final String NET = "net-1";
  private final List<Subnet> subnets = subnets(NET, "10.0.0.0/24", "10.0.1.0/24");
  private final Subnet first = subnets.get(0);
  private final Subnet second = subnets.get(1);
  private final Set<String> usedIps = new HashSet<>();
  private final Set<String> usedMacs = new HashSet<>();

  private Outcome<AddressReservation> reserve(String portId, PortSpec spec) {
    return reserve(portId, spec, subnets);
  }

  private Outcome<AddressReservation> reserve(String portId, PortSpec spec, List<Subnet> within) {
    return PortAddressing.reserve(portId, spec, within, usedIps, usedMacs);
  }

  /** Reserves and records the result as the network entity would. */
  private AddressReservation take(String portId, PortSpec spec, List<Subnet> within) {
    AddressReservation reservation = ok(reserve(portId, spec, within));
    reservation.fixedIps().forEach(ip -> usedIps.add(ip.ipAddress()));
    usedMacs.add(reservation.macAddress());
    return reservation;
  }

  private static PortSpec asking(FixedIp... ips) {
    return portSpec(NET, null, List.of(ips));
  }

  @Test
  void defaultAllocationSkipsGatewayAndDhcpServer() {
    AddressReservation reservation = take("p1", portSpec(NET), subnets);
    assertEquals("p1", reservation.portId());
    assertEquals(List.of(new FixedIp(first.id(), "10.0.0.3")), reservation.fixedIps());
    assertEquals(List.of(new FixedIp(first.id(), "10.0.0.4")), take("p2", portSpec(NET), subnets).fixedIps());
  }

  @Test
  void aSlash24WithDefaultsHoldsExactly252PortsThenIsExhausted() {
    List<Subnet> one = List.of(first);
    Set<String> given = new HashSet<>();
    for (int i = 0; i < 252; i++) {
      AddressReservation reservation = take("p" + i, portSpec(NET), one);
      String address = reservation.fixedIps().get(0).ipAddress();
      assertTrue(given.add(address), address + " given twice");
      assertFalse(address.equals("10.0.0.1") || address.equals("10.0.0.2") || address.equals("10.0.0.0") || address.equals("10.0.0.255"), address);
    }
    assertEquals(252, given.size());
    assertTrue(given.contains("10.0.0.254"));
    rejected(reserve("one-too-many", portSpec(NET), one), ProblemCode.SUBNET_EXHAUSTED, "fixed_ips");
    rejected(reserve("in-subnet", asking(new FixedIp(first.id(), null)), one), ProblemCode.SUBNET_EXHAUSTED, "fixed_ips[0]");
    // the reserved addresses stay reserved even when the pool is full
    rejected(reserve("gw", asking(new FixedIp(null, "10.0.0.1")), one), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    rejected(reserve("dhcp", asking(new FixedIp(null, "10.0.0.2")), one), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
  }

  @Test
  void aFullFirstSubnetSpillsIntoTheNext() {
    List<Subnet> small = subnets(NET, "10.0.0.8/29", "10.0.1.0/24");
    for (int i = 0; i < 4; i++) assertEquals(small.get(0).id(), take("p" + i, portSpec(NET), small).fixedIps().get(0).subnetId()); // .11-.14
    assertEquals(List.of(new FixedIp(small.get(1).id(), "10.0.1.3")), take("p4", portSpec(NET), small).fixedIps());
  }

  @Test
  void noSubnetsMeansNoAddresses() {
    assertEquals(List.of(), ok(reserve("p1", portSpec(NET), List.of())).fixedIps());
    assertEquals(List.of(), ok(reserve("p1", asking())).fixedIps());
  }

  @Test
  void fixedIpIsHonouredWhenFree() {
    assertEquals(List.of(new FixedIp(first.id(), "10.0.0.77")), take("p1", asking(new FixedIp(null, "10.0.0.77")), subnets).fixedIps());
    assertEquals(List.of(new FixedIp(second.id(), "10.0.1.9")), take("p2", asking(new FixedIp(second.id(), "10.0.1.9")), subnets).fixedIps());
    assertEquals(List.of(new FixedIp(second.id(), "10.0.1.3")), take("p3", asking(new FixedIp(second.id(), null)), subnets).fixedIps());
    AddressReservation both = take("p4", asking(new FixedIp(first.id(), null), new FixedIp(second.id(), null)), subnets);
    assertEquals(List.of(new FixedIp(first.id(), "10.0.0.3"), new FixedIp(second.id(), "10.0.1.4")), both.fixedIps());
  }

  @Test
  void fixedIpOutsideThePoolsButInsideTheSubnetIsAllowed() {
    Subnet pooled = NetworkValidation.subnets(NET, List.of(new SubnetRequest(null, null, "10.0.0.0/24", null,
        List.of(new IpRange("10.0.0.10", "10.0.0.20")), null, null, null))).get(0);
    assertEquals("10.0.0.250", take("p1", asking(new FixedIp(null, "10.0.0.250")), List.of(pooled)).fixedIps().get(0).ipAddress());
    assertEquals("10.0.0.11", take("p2", portSpec(NET), List.of(pooled)).fixedIps().get(0).ipAddress()); // .10 is the DHCP server
  }

  @Test
  void fixedIpInUseIsRefused() {
    take("p1", asking(new FixedIp(null, "10.0.0.77")), subnets);
    rejected(reserve("p2", asking(new FixedIp(null, "10.0.0.77"))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    rejected(reserve("p2", asking(new FixedIp(first.id(), "10.0.0.77"))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    rejected(reserve("p2", asking(new FixedIp(null, "10.0.1.5"), new FixedIp(null, "10.0.0.77"))), ProblemCode.IP_IN_USE, "fixed_ips[1].ip_address");
  }

  @Test
  void fixedIpOutsideTheSubnetIsInvalid() {
    rejected(reserve("p1", asking(new FixedIp(first.id(), "10.0.1.5"))), ProblemCode.INVALID_VALUE, "fixed_ips[0].ip_address");
    rejected(reserve("p1", asking(new FixedIp(null, "192.168.0.5"))), ProblemCode.INVALID_VALUE, "fixed_ips[0].ip_address");
    rejected(reserve("p1", asking(new FixedIp(null, "10.0.0.0"))), ProblemCode.INVALID_VALUE, "fixed_ips[0].ip_address");
    rejected(reserve("p1", asking(new FixedIp(null, "10.0.0.255"))), ProblemCode.INVALID_VALUE, "fixed_ips[0].ip_address");
    rejected(reserve("p1", asking(new FixedIp("no-such-subnet", null))), ProblemCode.INVALID_VALUE, "fixed_ips[0].subnet_id");
  }

  @Test
  void gatewayOnlyForRouterInterfacePorts() {
    rejected(reserve("vm", asking(new FixedIp(null, "10.0.0.1"))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    assertEquals(List.of(new FixedIp(first.id(), "10.0.0.1")),
        take("rp", routerPortSpec(NET, "router-1", List.of(new FixedIp(first.id(), "10.0.0.1"))), subnets).fixedIps());
    // once a router holds it, the gateway is taken for everyone
    rejected(reserve("rp2", routerPortSpec(NET, "router-2", List.of(new FixedIp(first.id(), "10.0.0.1")))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
  }

  @Test
  void dhcpServerAddressIsNeverGiven() {
    rejected(reserve("vm", asking(new FixedIp(null, "10.0.0.2"))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    rejected(reserve("rp", routerPortSpec(NET, "router-1", List.of(new FixedIp(null, "10.0.0.2")))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
  }

  @Test
  void withoutDhcpTheFirstPoolAddressIsGiven() {
    Subnet noDhcp = NetworkValidation.subnets(NET, List.of(new SubnetRequest(null, null, "10.0.0.0/24", null, null, false, null, null))).get(0);
    assertEquals("10.0.0.2", take("p1", portSpec(NET), List.of(noDhcp)).fixedIps().get(0).ipAddress());
  }

  @Test
  void macIsGeneratedOrHonoured() {
    AddressReservation generated = take("p1", portSpec(NET), subnets);
    assertTrue(generated.macAddress().startsWith("fa:16:3e:"), generated.macAddress());
    assertEquals(generated.macAddress(), ok(PortAddressing.reserve("p1", portSpec(NET), subnets, Set.of(), Set.of())).macAddress());
    AddressReservation chosen = take("p2", portSpec(NET, "02:00:00:00:00:AA", null), subnets);
    assertEquals("02:00:00:00:00:aa", chosen.macAddress());
  }

  @Test
  void macInUseIsRefused() {
    take("p1", portSpec(NET, "02:00:00:00:00:aa", null), subnets);
    rejected(reserve("p2", portSpec(NET, "02:00:00:00:00:AA", null)), ProblemCode.MAC_IN_USE, "mac_address");
  }

  @Test
  void generatedMacAvoidsMacsInUse() {
    String usual = ok(PortAddressing.reserve("p1", portSpec(NET), subnets, Set.of(), Set.of())).macAddress();
    usedMacs.add(usual);
    String other = ok(reserve("p1", portSpec(NET))).macAddress();
    assertFalse(other.equals(usual));
    assertTrue(other.startsWith("fa:16:3e:"));
  }

  @Test
  void aRefusalReservesNothing() {
    Set<String> before = Set.copyOf(usedIps);
    rejected(reserve("p1", asking(new FixedIp(first.id(), null), new FixedIp(null, "10.0.0.1"))), ProblemCode.IP_IN_USE);
    assertEquals(before, usedIps); // the inputs are not modified
  }
}
