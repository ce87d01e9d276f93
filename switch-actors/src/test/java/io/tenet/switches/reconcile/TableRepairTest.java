package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.topology.dataplane.RepairCount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A verification reads a switch's tables while its datapath keeps learning: drift is measured
 * against what was installed, not against what was compiled since. In a fleet of 1,000 emulated
 * hypervisors binding ports, 4 % of full verifications reported a whole new network's flows as
 * "restored" (13,164 flows in 25 minutes): they had not been sent yet, because the read held the
 * reconcile back.
 */
class TableRepairTest {
  private static final String HV2 = "172.31.99.2";

  /** One local port and one remote port on each network named. */
  private static SwitchTables compiled(String... networkIds) {
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> networks = new ArrayList<>();
    int n = 0;
    for (String networkId : networkIds) {
      n++;
      locals.add(new LocalPort(networkId + "-local", networkId, 10 + n, String.format("fa:16:3e:00:01:%02x", n), List.of("10.0." + n + ".3"), false));
      networks.add(new NetworkPlan(networkId, 4096 + n, true,
          List.of(new RemotePort(networkId + "-remote", String.format("fa:16:3e:00:02:%02x", n), List.of("10.0." + n + ".4"), HV2))));
    }
    return SwitchTables.desired(FlowCompiler.compile(new DatapathView("0000000000000001", "172.31.99.1", 1, locals, networks)));
  }

  @Test
  void aViewLearnedDuringTheReadIsNoDrift() {
    SwitchTables installed = compiled("net-a", "net-b");
    TableRepair repair = TableRepair.of(installed, installed, () -> {
      throw new AssertionError("without drift the desired tables are not merged");
    }, true);
    assertFalse(repair.drifted());
    assertEquals(RepairCount.NONE, repair.drift());
    assertTrue(repair.changes().isEmpty(), "what the views compile to since goes out with the next reconcile, not as a repair");
  }

  @Test
  void whatTheSwitchLostIsCountedAndRestoredWithWhatIsPending() {
    SwitchTables installed = compiled("net-a", "net-b");
    SwitchTables found = compiled("net-a"); // net-b's flows and groups were deleted on the switch
    SwitchTables desired = compiled("net-a", "net-b", "net-c");
    TableRepair repair = TableRepair.of(installed, found, () -> desired, true);
    assertTrue(repair.drifted());
    TableChanges lost = TableDiff.between(installed, found, true);
    assertEquals(lost.countAgainst(found), repair.drift(), "only what the switch lost of what was installed");
    assertTrue(repair.drift().flows() < repair.changes().flowsToAdd().size(), "net-c's flows are sent too, not counted as restored");
    assertEquals(desired.flows().keySet(), found.after(repair.changes()).flows().keySet(), "one batch takes the switch to the desired tables");
  }

  @Test
  void aFlowNobodyInstalledIsRemovedAndCounted() {
    SwitchTables installed = compiled("net-a");
    SwitchTables found = compiled("net-a", "net-b"); // net-b's flows were added by hand
    TableRepair repair = TableRepair.of(installed, found, () -> installed, true);
    assertTrue(repair.drifted());
    assertEquals(0, repair.drift().flowsRestored());
    assertTrue(repair.drift().flowsRemoved() > 0);
    assertEquals(installed.flows().keySet(), found.after(repair.changes()).flows().keySet());
  }
}
