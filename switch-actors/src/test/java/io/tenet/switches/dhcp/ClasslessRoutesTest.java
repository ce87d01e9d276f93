package io.tenet.switches.dhcp;

import static io.tenet.switches.dhcp.ClientFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.tenet.switches.dhcp.DhcpLease.HostRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3442: width, then ceil(width / 8) destination octets, then the router. */
class ClasslessRoutesTest {

  @Test
  void eachRouteIsItsWidthTheSignificantOctetsAndTheRouter() {
    assertArrayEquals(bytes(8, 10, 10, 0, 0, 1), encode("10.0.0.0/8", "10.0.0.1"));
    assertArrayEquals(bytes(0, 10, 0, 0, 1), encode("0.0.0.0/0", "10.0.0.1"));
    assertArrayEquals(bytes(24, 192, 168, 1, 10, 0, 0, 1), encode("192.168.1.0/24", "10.0.0.1"));
    assertArrayEquals(bytes(32, 172, 16, 5, 4, 10, 0, 0, 1), encode("172.16.5.4/32", "10.0.0.1"));
    // widths that are not whole octets round up
    assertArrayEquals(bytes(17, 10, 0, 128, 10, 0, 0, 1), encode("10.0.128.0/17", "10.0.0.1"));
    assertArrayEquals(bytes(1, 128, 10, 0, 0, 1), encode("128.0.0.0/1", "10.0.0.1"));
    assertArrayEquals(bytes(25, 192, 168, 1, 128, 10, 0, 0, 1), encode("192.168.1.128/25", "10.0.0.1"));
  }

  @Test
  void routesFollowOneAnotherInOrder() {
    byte[] encoded = ClasslessRoutes.encode(List.of(
        new HostRoute("10.0.0.0/8", "10.0.0.1"), new HostRoute("172.16.5.4/32", "10.0.0.9"), new HostRoute("0.0.0.0/0", "10.0.0.1")));
    assertArrayEquals(bytes(8, 10, 10, 0, 0, 1, 32, 172, 16, 5, 4, 10, 0, 0, 9, 0, 10, 0, 0, 1), encoded);
  }

  private static byte[] encode(String destination, String router) {
    return ClasslessRoutes.encode(List.of(new HostRoute(destination, router)));
  }
}
