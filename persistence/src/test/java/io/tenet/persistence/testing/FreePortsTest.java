package io.tenet.persistence.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ports for test processes stay out of the ephemeral range (where outgoing connections take them) and are never repeated. */
class FreePortsTest {
  @Test
  void portsAreBelowTheEphemeralRangeAndNeverHandedOutTwice() {
    Set<Integer> seen = new HashSet<>();
    for (int round = 0; round < 50; round++) {
      for (int port : FreePorts.take(7)) {
        assertTrue(port >= 1024 && port < 32768, "port " + port + " is in the ephemeral range");
        assertTrue(seen.add(port), "port " + port + " handed out twice");
      }
    }
    assertEquals(350, seen.size());
    assertEquals(3, Arrays.stream(FreePorts.take(3)).distinct().count());
  }
}
