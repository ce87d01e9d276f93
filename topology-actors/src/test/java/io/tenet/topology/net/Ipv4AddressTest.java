package io.tenet.topology.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "192.168.100.254", "255.255.255.255", "1.2.3.4"})
  void parsesAndPrintsTheSameText(String text) {
    assertEquals(text, Ipv4Address.parse(text).orElseThrow().toString());
  }

  @Test
  void holdsTheAddressAsUnsignedBits() {
    Ipv4Address address = Ipv4Address.parse("192.168.1.2").orElseThrow();
    assertEquals(0xC0A80102, address.bits());
    assertEquals(0xC0A80102L, address.unsigned());
    assertEquals(0xFFFFFFFFL, Ipv4Address.parse("255.255.255.255").orElseThrow().unsigned());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "", "10.0.0", "10.0.0.1.2", "10.0.0.", ".10.0.0.1", "10..0.1", "10.0.0.256", "256.0.0.0", "1000.0.0.1",
      "010.0.0.1", "10.00.0.1", "10.0.0.01", "10.0.0.001", // leading zeros (octal in some tools)
      "10.0.0.-1", "+10.0.0.1", "10.0.0.1 ", " 10.0.0.1", "10.0.0.1/24", "a.b.c.d", "0x0a.0.0.1", "10,0,0,1", "::1"})
  void refusesAnythingButFourPlainDecimalOctets(String text) {
    assertTrue(Ipv4Address.parse(text).isEmpty(), () -> "'" + text + "' was accepted");
  }

  @Test
  void comparesAsUnsignedNumbers() {
    Ipv4Address low = Ipv4Address.parse("10.0.0.1").orElseThrow();
    Ipv4Address high = Ipv4Address.parse("200.0.0.1").orElseThrow(); // negative as a signed int
    assertTrue(low.compareTo(high) < 0);
    assertTrue(high.compareTo(low) > 0);
    assertEquals(0, low.compareTo(Ipv4Address.parse("10.0.0.1").orElseThrow()));
  }

  @Test
  void addsAcrossOctetsAndBackwards() {
    Ipv4Address address = Ipv4Address.parse("10.0.0.255").orElseThrow();
    assertEquals("10.0.1.0", address.plus(1).toString());
    assertEquals("10.0.0.254", address.plus(-1).toString());
    assertEquals("255.255.255.255", Ipv4Address.parse("255.255.255.254").orElseThrow().plus(1).toString());
  }
}
