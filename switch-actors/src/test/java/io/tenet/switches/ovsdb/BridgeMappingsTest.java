package io.tenet.switches.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeMappingsTest {
  static BridgeMappings read(String mappings, String gateway) {
    Map<String, String> ids = gateway == null ? Map.of("tenet-bridge-mappings", mappings)
        : Map.of("tenet-bridge-mappings", mappings, "tenet-gateway", gateway);
    return BridgeMappings.read(ids);
  }

  @Test
  void mappingsAndGatewayFlagAreRead() {
    BridgeMappings mappings = read("physnet1:br-ex, physnet2:br-vlan", "true");
    assertEquals(Map.of("physnet1", "br-ex", "physnet2", "br-vlan"), mappings.bridgeByPhysicalNetwork());
    assertTrue(mappings.gateway());
    assertEquals(List.of(), mappings.problems());
  }

  @Test
  void nothingPublishedMeansNoPhysicalNetworksAndNoGateway() {
    BridgeMappings mappings = BridgeMappings.read(Map.of());
    assertEquals(Map.of(), mappings.bridgeByPhysicalNetwork());
    assertFalse(mappings.gateway());
    assertEquals(List.of(), mappings.problems());
  }

  @Test
  void malformedEntriesAreLeftOutAndNamedWhileTheOthersHold() {
    BridgeMappings mappings = read("physnet1:br-ex,broken,:br-x,physnet1:br-other,physnet3:br-ex,physnet4:br-int,ph ys:br-y", "yes");
    assertEquals(Map.of("physnet1", "br-ex"), mappings.bridgeByPhysicalNetwork());
    assertFalse(mappings.gateway());
    assertEquals(List.of(
        "tenet-gateway=yes is neither true nor false: taken as false",
        "'broken' is not <physical network>:<bridge>",
        "':br-x' is not <physical network>:<bridge>",
        "'physnet1:br-other': physnet1 is mapped twice, the first mapping holds",
        "'physnet3:br-ex': br-ex already carries physnet1",
        "'physnet4:br-int' maps a physical network to br-int itself",
        "'ph ys:br-y' is not <physical network>:<bridge>"), mappings.problems());
  }
}
