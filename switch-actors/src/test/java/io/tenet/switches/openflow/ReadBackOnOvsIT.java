package io.tenet.switches.openflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.SampleViews;
import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.ovs.PrivateOvs;
import io.tenet.switches.pipeline.Table;
import io.tenet.switches.reconcile.SwitchTables;
import io.tenet.switches.reconcile.TableChanges;
import io.tenet.switches.reconcile.TableDiff;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFControllerRole;

/**
 * What reconciliation reads back from a real Open vSwitch must equal what it compiled, for every
 * kind of flow the compiler writes (routing: dec_ttl, set_field of icmp_type, masked nw_dst; pairs:
 * CIDR sources, extra MACs; security groups; conntrack: ct() with and without commit and table, masked ct_state, masked tcp_dst;
 * external gateways: ct() with nat(src=...), nat(dst=...) and a bare nat, vlan_vid tagged and untagged, push_vlan and pop_vlan,
 * fast-failover groups whose buckets watch a port or the always-live indirect group, resubmit),
 * or every reconcile after a read would rewrite them. Installed over
 * our own OpenFlow connection, dumped with our own flow-stats and group-desc requests.
 */
class ReadBackOnOvsIT {
  static PrivateOvs ovs;
  static OpenFlowListener listener;
  static final RecordingSwitchListener heard = new RecordingSwitchListener();

  @BeforeAll
  static void connectOvs() throws Exception {
    ovs = PrivateOvs.start();
    ovs.addSampleIntegrationBridge();
    listener = OpenFlowListener.start("127.0.0.1", 0, heard);
    ovs.setController(listener.port());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try {
      if (listener != null) listener.close();
    } finally {
      if (ovs != null) ovs.close();
    }
  }

  /** The conntrack steps security groups are built from: send through the tracker, resume elsewhere, commit what is new. */
  static CompiledFlows conntrack() {
    Match fromA1 = Match.any().and(MatchField.IN_PORT, 2).and(MatchField.ETH_TYPE, "0x0800");
    return new CompiledFlows(Set.of(
        new FlowEntry(Table.EGRESS_ACL, 100, fromA1, List.of(new Action.Conntrack(false, 2, Table.EGRESS_RULES)), Cookie.of(Cookie.Owner.PORT, "a1")),
        new FlowEntry(Table.EGRESS_RULES, 200, fromA1.and(MatchField.CT_STATE, "+trk+new-inv").and(MatchField.IP_PROTO, "6").and(MatchField.UDP_DST, "0x1000/0xf000"),
            List.of(new Action.Conntrack(true, 2, null), new Action.GotoTable(Table.ARP_DHCP)), Cookie.of(Cookie.Owner.PORT, "a1")),
        new FlowEntry(Table.EGRESS_RULES, 300, fromA1.and(MatchField.CT_STATE, "+trk+inv"), List.of(), Cookie.of(Cookie.Owner.PORT, "a1"))), Set.of());
  }

  @Test
  void whatIsReadBackIsExactlyWhatWasCompiled() throws Exception {
    SwitchConnection sw = heard.connected.get(20, TimeUnit.SECONDS);
    assertEquals(OFControllerRole.ROLE_MASTER, sw.requestRole(OFControllerRole.ROLE_MASTER, 1).toCompletableFuture().get(5, TimeUnit.SECONDS).getRole());
    for (CompiledFlows compiled : List.of(FlowCompiler.compile(SampleViews.ROUTER_HV1), FlowCompiler.compile(SampleViews.ADDRESS_PAIRS_HV1),
        FlowCompiler.compile(SampleViews.SECURITY_GROUPS_HV1), conntrack(), FlowCompiler.compile(SampleViews.GATEWAY_HV),
        FlowCompiler.compile(SampleViews.GATEWAY_SENDER_HV1), FlowCompiler.compile(SampleViews.GATEWAY_VLAN_HV),
        FlowCompiler.compile(SampleViews.GATEWAY_STANDBY_HV))) {
      ovs.ofctl("br-int", "del-flows");
      ovs.ofctl("br-int", "del-groups");
      sw.apply(compiled).toCompletableFuture().get(10, TimeUnit.SECONDS);
      SwitchTables installed = SwitchTables.installed(sw.dumpFlows().toCompletableFuture().get(10, TimeUnit.SECONDS),
          sw.dumpGroups().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals(compiled.flows().size(), installed.flows().size());
      assertEquals(compiled.groups().size(), installed.groups().size());
      TableChanges changes = TableDiff.between(SwitchTables.desired(compiled), installed, true);
      assertTrue(changes.isEmpty(), "read back differently from compiled: " + changes);
    }
  }
}
