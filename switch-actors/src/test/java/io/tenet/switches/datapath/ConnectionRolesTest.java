package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFControllerRole;

class ConnectionRolesTest {
  @Test
  void everyRoleIsReportedEvenWhenNoConnectionHoldsIt() {
    assertEquals(Map.of(List.of("master"), 2.0, List.of("slave"), 1.0, List.of("equal"), 0.0),
        LocalSwitches.countByRole(List.of(OFControllerRole.ROLE_MASTER, OFControllerRole.ROLE_SLAVE, OFControllerRole.ROLE_MASTER)));
    assertEquals(Map.of(List.of("master"), 0.0, List.of("slave"), 0.0, List.of("equal"), 0.0), LocalSwitches.countByRole(List.of()));
  }
}
