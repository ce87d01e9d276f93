package io.tenet.switches.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenet.switches.dhcp.DhcpLease.HostRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpLeaseTest {
  static final String MAC = "fa:16:3e:12:34:56";

  @Test
  void addressesAreKeptCanonical() {
    DhcpLease lease = new DhcpLease(
        "FA:16:3E:12:34:56", "10.0.0.3", 26, "10.0.0.1", List.of("8.8.8.8"), 1500, List.of(), 600, "10.0.0.2", "02:00:0A:00:00:02", null);
    assertEquals(MAC, lease.clientMac());
    assertEquals("02:00:0a:00:00:02", lease.serverMac());
    assertEquals("255.255.255.192", lease.subnetMask());
  }

  @Test
  void nonsenseIsRefusedWhenTheLeaseIsMade() {
    assertThrows(IllegalArgumentException.class, () -> lease("fa:16:3e:12:34", "10.0.0.3", 24, 1500, 600, null));
    assertThrows(IllegalArgumentException.class, () -> lease(MAC, "10.0.0.300", 24, 1500, 600, null));
    assertThrows(IllegalArgumentException.class, () -> lease(MAC, "10.0.0.3", 33, 1500, 600, null));
    assertThrows(IllegalArgumentException.class, () -> lease(MAC, "10.0.0.3", 24, 67, 600, null));
    assertThrows(IllegalArgumentException.class, () -> lease(MAC, "10.0.0.3", 24, 1500, 0, null));
    assertThrows(IllegalArgumentException.class, () -> lease(MAC, "10.0.0.3", 24, 1500, 600, "has space"));
    assertThrows(IllegalArgumentException.class, () -> lease(MAC, "10.0.0.3", 24, 1500, 600, "x".repeat(256)));
    assertThrows(IllegalArgumentException.class, () -> new HostRoute("10.0.0.1/8", "10.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> new HostRoute("10.0.0.0/8", "gateway"));
  }

  @Test
  void theServerMacIsDerivedFromTheServerIp() {
    assertEquals("02:00:0a:00:00:02", DhcpServerMac.of("10.0.0.2"));
    assertEquals("02:00:c0:a8:ff:fe", DhcpServerMac.of("192.168.255.254"));
    assertThrows(IllegalArgumentException.class, () -> DhcpServerMac.of("10.0.0"));
  }

  private static DhcpLease lease(String mac, String ip, int prefix, int mtu, int seconds, String domain) {
    return new DhcpLease(mac, ip, prefix, null, List.of(), mtu, List.of(), seconds, "10.0.0.2", "02:00:0a:00:00:02", domain);
  }
}
