package io.tenet.topology.ipam;

import static io.tenet.topology.testing.Fixtures.subnetRequest;
import static io.tenet.topology.testing.Fixtures.subnets;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.validation.NetworkValidation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetChangesTest {
  private static final String NET = "net-1";
  private final List<Subnet> current = subnets(NET, "10.0.0.0/24", "10.0.1.0/24");
  private final Subnet a = current.get(0);
  private final Subnet b = current.get(1);

  private static AddressReservation port(String id, Subnet subnet, String ip) {
    return new AddressReservation(id, "fa:16:3e:00:00:01", List.of(new FixedIp(subnet.id(), ip)));
  }

  private static ProblemCode refusal(List<Subnet> current, List<Subnet> next, List<AddressReservation> ports) {
    ProblemException refused = assertThrows(ProblemException.class, () -> SubnetChanges.check(current, next, ports));
    assertEquals("subnets", refused.problem().field());
    return refused.problem().code();
  }

  private static Subnet validated(SubnetRequest request) {
    return NetworkValidation.subnets(NET, List.of(request)).get(0);
  }

  @Test
  void sameListIsFine() {
    assertDoesNotThrow(() -> SubnetChanges.check(current, current, List.of(port("p1", a, "10.0.0.3"))));
  }

  @Test
  void unusedSubnetMayGo() {
    assertDoesNotThrow(() -> SubnetChanges.check(current, List.of(a), List.of(port("p1", a, "10.0.0.3"))));
    assertDoesNotThrow(() -> SubnetChanges.check(current, List.of(), List.of()));
  }

  @Test
  void usedSubnetMayNotGo() {
    assertEquals(ProblemCode.SUBNET_IN_USE, refusal(current, List.of(a), List.of(port("p1", a, "10.0.0.3"), port("p2", b, "10.0.1.3"))));
  }

  @Test
  void newSubnetMayBeAdded() {
    List<Subnet> more = subnets(NET, "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24");
    assertDoesNotThrow(() -> SubnetChanges.check(current, more, List.of(port("p1", a, "10.0.0.3"))));
  }

  @Test
  void keptSubnetMayChangeNameDnsAndRoutes() {
    Subnet renamed = validated(new SubnetRequest(a.id(), "renamed", "10.0.0.0/24", null, null, null, List.of("8.8.8.8"),
        List.of(new HostRoute("192.168.0.0/16", "10.0.0.254"))));
    assertDoesNotThrow(() -> SubnetChanges.check(current, List.of(renamed, b), List.of(port("p1", a, "10.0.0.3"))));
  }

  @Test
  void keptSubnetMayNotMoveItsAddressing() {
    Subnet otherGateway = validated(new SubnetRequest(a.id(), null, "10.0.0.0/24", "10.0.0.254", null, null, null, null));
    assertEquals(ProblemCode.NOT_UPDATABLE, refusal(current, List.of(otherGateway, b), List.of()));
    Subnet otherPools = validated(new SubnetRequest(a.id(), null, "10.0.0.0/24", null, List.of(new IpRange("10.0.0.10", "10.0.0.20")), null, null, null));
    assertEquals(ProblemCode.NOT_UPDATABLE, refusal(current, List.of(otherPools, b), List.of()));
    Subnet otherCidr = validated(new SubnetRequest(a.id(), null, "10.0.0.0/23", null, null, null, null, null));
    assertEquals(ProblemCode.NOT_UPDATABLE, refusal(current, List.of(otherCidr, b), List.of()));
  }

  @Test
  void turningDhcpOnNeedsItsServerAddressFree() {
    Subnet off = validated(new SubnetRequest(null, null, "10.0.0.0/24", null, null, false, null, null));
    Subnet on = validated(subnetRequest("10.0.0.0/24"));
    assertEquals(off.id(), on.id());
    assertEquals("10.0.0.2", on.dhcpServerIp());
    assertEquals(ProblemCode.IP_IN_USE, refusal(List.of(off), List.of(on), List.of(port("p1", off, "10.0.0.2"))));
    assertDoesNotThrow(() -> SubnetChanges.check(List.of(off), List.of(on), List.of(port("p1", off, "10.0.0.3"))));
    assertDoesNotThrow(() -> SubnetChanges.check(List.of(on), List.of(off), List.of(port("p1", off, "10.0.0.3"))));
  }
}
