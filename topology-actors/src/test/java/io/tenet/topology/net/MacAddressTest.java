package io.tenet.topology.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

  @Test
  void parsesColonFormAndPrintsLowerCase() {
    MacAddress mac = MacAddress.parse("FA:16:3E:0a:Bc:01").orElseThrow();
    assertEquals(0xfa163e0abc01L, mac.bits());
    assertEquals("fa:16:3e:0a:bc:01", mac.toString());
    assertEquals("00:00:00:00:00:01", new MacAddress(1).toString());
    assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.parse("ff:ff:ff:ff:ff:ff").orElseThrow().toString());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "fa:16:3e:00:00", "fa:16:3e:00:00:01:02", "fa-16-3e-00-00-01", "fa163e000001", "fa:16:3e:0:0:1",
      "fa:16:3e:00:00:0g", "fa:16:3e:00:00:001", "fa:16:3e:00:00:01 ", " fa:16:3e:00:00:01", "fa:16:3e::00:01", "fa.16.3e.00.00.01"})
  void refusesOtherForms(String text) {
    assertTrue(MacAddress.parse(text).isEmpty(), () -> "'" + text + "' was accepted");
  }

  @Test
  void tellsMulticastAndZero() {
    assertTrue(MacAddress.parse("01:00:5e:00:00:01").orElseThrow().isMulticast());
    assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").orElseThrow().isMulticast());
    assertTrue(MacAddress.parse("33:33:00:00:00:01").orElseThrow().isMulticast());
    assertFalse(MacAddress.parse("fa:16:3e:00:00:01").orElseThrow().isMulticast());
    assertFalse(MacAddress.parse("00:00:00:00:00:01").orElseThrow().isMulticast());
    assertTrue(MacAddress.parse("00:00:00:00:00:00").orElseThrow().isZero());
    assertFalse(MacAddress.parse("00:00:00:00:00:01").orElseThrow().isZero());
  }
}
