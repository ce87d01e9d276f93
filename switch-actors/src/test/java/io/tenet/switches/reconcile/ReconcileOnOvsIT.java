package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.SampleViews;
import io.tenet.switches.openflow.OpenFlowListener;
import io.tenet.switches.openflow.SwitchConnection;
import io.tenet.switches.openflow.RecordingSwitchListener;
import io.tenet.switches.ovs.PrivateOvs;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.projectfloodlight.openflow.protocol.OFControllerRole;

/**
 * Reconciliation against a real Open vSwitch: what we install reads back identical (so a
 * reconnect finds nothing to do), and a changed view sends only the difference, after which the
 * switch holds exactly the new tables, groups included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileOnOvsIT {
  static PrivateOvs ovs;
  static OpenFlowListener listener;
  static final RecordingSwitchListener heard = new RecordingSwitchListener();

  @BeforeAll
  static void connectOvs() throws Exception {
    try {
      ovs = PrivateOvs.start();
      ovs.addSampleIntegrationBridge();
      listener = OpenFlowListener.start("127.0.0.1", 0, heard);
      ovs.setController(listener.port());
      sw().requestRole(OFControllerRole.ROLE_MASTER, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception | Error failed) {
      cleanUp();
      throw failed;
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try {
      if (listener != null) listener.close();
    } finally {
      listener = null;
      if (ovs != null) ovs.close();
      ovs = null;
    }
  }

  static SwitchConnection sw() throws Exception {
    return heard.connected.get(20, TimeUnit.SECONDS);
  }

  static SwitchTables installed() throws Exception {
    return SwitchTables.installed(sw().dumpFlows().toCompletableFuture().get(5, TimeUnit.SECONDS),
        sw().dumpGroups().toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  static void reconcile(CompiledFlows compiled) throws Exception {
    TableChanges changes = TableDiff.between(SwitchTables.desired(compiled), installed(), true);
    sw().applyMods(changes.messages()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void whatWeInstallReadsBackIdentical() throws Exception {
    CompiledFlows hv1 = FlowCompiler.compile(SampleViews.HV1);
    SwitchTables empty = installed();
    assertTrue(empty.flows().isEmpty() && empty.groups().isEmpty(), "a fresh secure bridge has no flows");
    reconcile(hv1);
    TableChanges again = TableDiff.between(SwitchTables.desired(hv1), installed(), true);
    assertTrue(again.isEmpty(), "every flow and group must read back byte-identical, else each reconnect rewrites them: " + again);
    assertEquals(hv1.flows().size(), installed().flows().size());
    assertEquals(hv1.groups().size(), installed().groups().size());
  }

  /** hv1 loses network B's port and network A loses a remote port: only those flows change; the groups are modified or deleted. */
  @Test
  @Order(2)
  void aChangedViewSendsOnlyTheDifference() throws Exception {
    DatapathView before = SampleViews.HV1;
    NetworkPlan netA = before.networks().get(0);
    DatapathView after = new DatapathView(before.datapathId(), before.encapIp(), before.tunnelOfport(),
        List.of(before.localPorts().get(0)),
        List.of(new NetworkPlan(netA.networkId(), netA.vni(), netA.dhcp(), netA.remotePorts().subList(0, 1)), before.networks().get(2)));
    CompiledFlows next = FlowCompiler.compile(after);
    TableChanges changes = TableDiff.between(SwitchTables.desired(next), installed(), true);
    assertFalse(changes.flowsToDelete().isEmpty());
    assertFalse(changes.groupsToDelete().isEmpty(), "network B's flood groups go");
    assertFalse(changes.groupsToModify().isEmpty(), "network A floods to one endpoint fewer");
    int unchanged = FlowCompiler.compile(before).flows().size() - changes.flowsToDelete().size();
    assertTrue(changes.flowsToAdd().size() < next.flows().size() / 2, "most of A's and the pipeline's flows stay: " + changes);
    System.out.printf("view change: %s (%d flows untouched)%n", changes, unchanged);
    sw().applyMods(changes.messages()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(TableDiff.between(SwitchTables.desired(next), installed(), true).isEmpty());
    assertEquals(keys(next.ofctl()), keys(ovs.ofctl("br-int", "dump-flows")), "ovs-ofctl sees the new tables");
    assertEquals(next.groups().size(), installed().groups().size());
  }

  @Test
  @Order(3)
  void withoutTheWholePictureNothingIsRemoved() throws Exception {
    CompiledFlows pipelineOnly = FlowCompiler.pipeline();
    TableChanges additive = TableDiff.between(SwitchTables.desired(pipelineOnly), installed(), false);
    assertTrue(additive.isEmpty(), "the pipeline flows are there and nothing may be removed: " + additive);
  }

  private static final Pattern KEY = Pattern.compile("cookie=(0x[0-9a-f]+),.*table=(\\d+),.*priority=(\\d+)");

  /** Cookie, table and priority of every flow line (ovs-ofctl orders match fields its own way, so the rest is compared as bytes above). */
  static List<String> keys(String dump) {
    return dump.lines().filter(l -> l.contains("cookie=")).map(l -> {
      Matcher m = KEY.matcher(l);
      assertTrue(m.find(), l);
      return m.group(1) + "/" + m.group(2) + "/" + m.group(3);
    }).sorted().toList();
  }
}
