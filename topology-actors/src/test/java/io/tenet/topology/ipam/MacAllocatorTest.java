package io.tenet.topology.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.net.MacAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MacAllocatorTest {

  @Test
  void samePortIdSameMac() {
    assertEquals(MacAllocator.allocate("port-1", Set.of()), MacAllocator.allocate("port-1", Set.of()));
    assertNotEquals(MacAllocator.allocate("port-1", Set.of()), MacAllocator.allocate("port-2", Set.of()));
  }

  @Test
  void macsAreUnicastLocallyAdministeredWithTheCloudPrefix() {
    for (int i = 0; i < 500; i++) {
      MacAddress mac = MacAllocator.allocate("port-" + i, Set.of());
      assertTrue(mac.toString().startsWith("fa:16:3e:"), mac.toString());
      assertEquals(MacAllocator.PREFIX, mac.bits() & 0xffffff000000L);
      assertFalse(mac.isMulticast());
      assertFalse(mac.isZero());
      assertEquals(mac, MacAddress.parse(mac.toString()).orElseThrow());
    }
  }

  @Test
  void probesPastMacsInUse() {
    MacAddress usual = MacAllocator.allocate("port-1", Set.of());
    MacAddress next = MacAllocator.allocate("port-1", Set.of(usual.toString()));
    assertEquals(MacAllocator.PREFIX | (((usual.bits() & 0xffffff) + 1) % (1 << 24)), next.bits());
    MacAddress third = MacAllocator.allocate("port-1", Set.of(usual.toString(), next.toString()));
    assertEquals(MacAllocator.PREFIX | (((usual.bits() & 0xffffff) + 2) % (1 << 24)), third.bits());
  }

  @Test
  void neverGivesAMacInUse() {
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String mac = MacAllocator.allocate("p" + (i % 50), used).toString(); // the same ids again and again
      assertTrue(used.add(mac), mac + " given twice");
    }
  }
}
