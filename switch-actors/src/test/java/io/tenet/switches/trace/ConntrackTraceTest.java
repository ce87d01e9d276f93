package io.tenet.switches.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracer follows ct(table=N) like ofproto/trace: the packet resumes there as a new connection's first packet. */
class ConntrackTraceTest {
  @Test
  void anUntrackedPacketIsSentThroughTheTrackerAndResumesAsNew() {
    Match fromPort = Match.any().and(MatchField.IN_PORT, 2).and(MatchField.ETH_TYPE, "0x0800");
    CompiledFlows flows = new CompiledFlows(Set.of(
        new FlowEntry(Table.CLASSIFY, 200, Match.any().and(MatchField.IN_PORT, 2), List.of(new Action.GotoTable(Table.EGRESS_ACL)), Cookie.pipeline()),
        new FlowEntry(Table.EGRESS_ACL, 100, fromPort, List.of(new Action.Conntrack(false, 2, Table.EGRESS_RULES)), Cookie.pipeline()),
        new FlowEntry(Table.EGRESS_RULES, 200, fromPort.and(MatchField.CT_STATE, "+trk+new"),
            List.of(new Action.Conntrack(true, 2, null), new Action.Output(3)), Cookie.pipeline()),
        new FlowEntry(Table.EGRESS_RULES, 200, fromPort.and(MatchField.CT_STATE, "+trk+est"), List.of(new Action.Output(4)), Cookie.pipeline())), Set.of());
    PipelineTrace trace = new PipelineTracer(flows, 1).trace(Packet.of(Map.of(MatchField.IN_PORT, "2", MatchField.ETH_TYPE, "0x0800")));
    assertEquals(List.of(3L), trace.ports());
    assertEquals(3, trace.steps().size(), "classify, egress_acl, egress_rules as a new connection: " + trace);
  }
}
