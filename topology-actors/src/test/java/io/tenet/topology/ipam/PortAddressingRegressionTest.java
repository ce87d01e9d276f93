package io.tenet.topology.ipam;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.subnets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Subnet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Regression test for a fixed defect, described as it was found. Defect (PortAddressing.ips): addresses are decided in request order, so an entry that asks only
 * for a subnet can take, by automatic allocation, the very address a later entry of the SAME
 * port names explicitly; the port is then refused with IP_IN_USE ("already used by another
 * port"), although the address is free. The same two entries in the other order succeed.
 * Expected: explicit addresses are honoured first (or automatic picks skip the addresses the
 * request names), giving 10.0.0.4 and 10.0.0.3.
 */
class PortAddressingRegressionTest {

  @Test
  void anAutomaticPickDoesNotStealAnAddressTheSamePortNamesLater() {
    List<Subnet> subnets = subnets("net-1", "10.0.0.0/24");
    String subnetId = subnets.get(0).id();
    List<FixedIp> asked = List.of(new FixedIp(subnetId, null), new FixedIp(null, "10.0.0.3")); // 10.0.0.3 is the first free address
    AddressReservation reservation = ok(PortAddressing.reserve("p1", portSpec("net-1", null, asked), subnets, Set.of(), Set.of()));
    assertEquals(List.of(new FixedIp(subnetId, "10.0.0.4"), new FixedIp(subnetId, "10.0.0.3")), reservation.fixedIps());
  }
}
