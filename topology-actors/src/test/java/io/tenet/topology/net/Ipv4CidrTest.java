package io.tenet.topology.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {

  private static Ipv4Cidr cidr(String text) {
    return Ipv4Cidr.parse(text).orElseThrow();
  }

  private static Ipv4Address ip(String text) {
    return Ipv4Address.parse(text).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/24", "0.0.0.0/0", "10.0.0.0/8", "192.168.1.128/25", "10.1.2.3/32", "10.0.0.4/30", "172.16.0.0/12"})
  void parsesAndPrintsTheSameText(String text) {
    assertEquals(text, cidr(text).toString());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "10.0.0.1/24", "10.0.0.128/24", "11.0.0.0/7", "1.0.0.0/0", // host bits set
      "10.0.0.0/33", "10.0.0.0/99", "10.0.0.0/123", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0", "/24", "10.0.0.0/24/24",
      "010.0.0.0/24", "10.0.0/24", "10.0.0.0/ 24", "10.0.0.0/2a", "10.0.0.0/24 "})
  void refusesMalformedPrefixes(String text) {
    assertTrue(Ipv4Cidr.parse(text).isEmpty(), () -> "'" + text + "' was accepted");
  }

  @Test
  void knowsItsSizeBoundsAndMask() {
    Ipv4Cidr net = cidr("10.0.0.0/24");
    assertEquals(256, net.size());
    assertEquals("10.0.0.0", net.first().toString());
    assertEquals("10.0.0.255", net.last().toString());
    assertEquals("255.255.255.0", net.netmask().toString());
    Ipv4Cidr all = cidr("0.0.0.0/0");
    assertEquals(1L << 32, all.size());
    assertEquals("255.255.255.255", all.last().toString());
    assertEquals("0.0.0.0", all.netmask().toString());
    assertEquals("255.255.255.255", cidr("10.1.2.3/32").netmask().toString());
  }

  @Test
  void containsOnlyItsOwnAddresses() {
    Ipv4Cidr net = cidr("10.0.0.0/8");
    assertTrue(net.contains(ip("10.0.0.0")));
    assertTrue(net.contains(ip("10.255.255.255")));
    assertFalse(net.contains(ip("11.0.0.0")));
    assertFalse(net.contains(ip("9.255.255.255")));
    assertTrue(cidr("0.0.0.0/0").contains(ip("200.1.2.3")));
    assertTrue(cidr("10.1.2.3/32").contains(ip("10.1.2.3")));
    assertFalse(cidr("10.1.2.3/32").contains(ip("10.1.2.4")));
  }

  @Test
  void overlapIsSymmetricAndNeedsSharedAddresses() {
    assertTrue(cidr("10.0.0.0/24").overlaps(cidr("10.0.0.128/25")));
    assertTrue(cidr("10.0.0.128/25").overlaps(cidr("10.0.0.0/24")));
    assertTrue(cidr("10.0.0.0/24").overlaps(cidr("10.0.0.0/24")));
    assertTrue(cidr("0.0.0.0/0").overlaps(cidr("192.168.0.0/16")));
    assertFalse(cidr("10.0.0.0/24").overlaps(cidr("10.0.1.0/24")));
    assertFalse(cidr("10.0.1.0/24").overlaps(cidr("10.0.0.0/24")));
    assertFalse(cidr("10.0.0.0/25").overlaps(cidr("10.0.0.128/25")));
  }

  @Test
  void networkAndBroadcastAreNotHostsExceptOnPointToPointPrefixes() {
    Ipv4Cidr net = cidr("10.0.0.0/24");
    assertFalse(net.isUsableHost(ip("10.0.0.0")));
    assertFalse(net.isUsableHost(ip("10.0.0.255")));
    assertTrue(net.isUsableHost(ip("10.0.0.1")));
    assertTrue(net.isUsableHost(ip("10.0.0.254")));
    assertFalse(net.isUsableHost(ip("10.0.1.1")));
    assertTrue(cidr("10.0.0.0/31").isUsableHost(ip("10.0.0.0")));
    assertTrue(cidr("10.0.0.0/31").isUsableHost(ip("10.0.0.1")));
    assertTrue(cidr("10.0.0.7/32").isUsableHost(ip("10.0.0.7")));
  }
}
