package io.tenet.switches.openflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.SampleViews;
import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.U64;

class LoxiTranslationTest {
  final CompiledFlows hv1 = FlowCompiler.compile(SampleViews.HV1);

  @Test
  void everyFlowOfHv1TranslatesKeepingTableCookieAndPriority() {
    long xid = 1;
    for (FlowEntry flow : hv1.flows()) {
      OFFlowAdd add = LoxiTranslation.flowAdd(flow, xid);
      assertEquals(xid++, add.getXid());
      assertEquals(flow.table().id(), add.getTableId().getValue(), flow.ofctl());
      assertEquals(flow.priority(), add.getPriority(), flow.ofctl());
      assertEquals(flow.cookie().value(), add.getCookie().getValue(), flow.ofctl());
      assertEquals(flow.match().fields().size(), countFields(add), flow.ofctl());
      ByteBuf wire = Unpooled.buffer();
      add.writeTo(wire);
      assertEquals(wire.readableBytes(), wire.getUnsignedShort(2), "header length is the message length");
    }
    for (GroupEntry group : hv1.groups()) {
      OFGroupAdd add = LoxiTranslation.groupAdd(group, 7);
      assertEquals(group.groupId(), add.getGroup().getGroupNumber());
      assertEquals(OFGroupType.ALL, add.getGroupType());
      assertEquals(group.buckets().size(), add.getBuckets().size());
    }
  }

  @Test
  void instructionsComeInExecutionOrderAndMetadataKeepsItsMask() {
    FlowEntry classify = hv1.flows().stream()
        .filter(f -> f.table() == Table.CLASSIFY && f.match().fields().containsKey(MatchField.TUN_ID)).findFirst().orElseThrow();
    OFFlowAdd add = LoxiTranslation.flowAdd(classify, 1);
    assertEquals(2, add.getInstructions().size());
    OFInstructionWriteMetadata write = (OFInstructionWriteMetadata) add.getInstructions().get(0);
    assertEquals(0x1ffffffL, write.getMetadataMask().getValue());
    assertEquals(Table.L2_LOOKUP.id(), ((OFInstructionGotoTable) add.getInstructions().get(1)).getTableId().getValue());
  }

  @Test
  void multicastBitAndMetadataAreMatchedMasked() {
    FlowEntry flood = hv1.flows().stream().filter(f -> f.match().fields().getOrDefault(MatchField.ETH_DST, "").contains("/")).findFirst().orElseThrow();
    OFFlowAdd add = LoxiTranslation.flowAdd(flood, 1);
    var match = add.getMatch();
    assertTrue(match.isPartiallyMasked(org.projectfloodlight.openflow.protocol.match.MatchField.ETH_DST));
    assertEquals(MacAddress.of("01:00:00:00:00:00"), match.getMasked(org.projectfloodlight.openflow.protocol.match.MatchField.ETH_DST).getMask());
    assertEquals(OFMetadata.of(U64.of(0x1ffffffL)), match.getMasked(org.projectfloodlight.openflow.protocol.match.MatchField.METADATA).getMask());
    assertTrue(add.getInstructions().get(0) instanceof OFInstructionApplyActions);
  }

  @Test
  void regMoveIsTheNiciraWireFormat() {
    ByteBuf wire = Unpooled.buffer();
    NxRegMove.wholeField("NXM_OF_ETH_SRC", "NXM_OF_ETH_DST").writeTo(wire);
    // type ffff, len 24, vendor 2320, subtype 6, n_bits 48, ofs 0/0, src eth_src 00000406, dst eth_dst 00000206
    assertEquals("ffff001800002320" + "0006003000000000" + "0000040600000206", ByteBufUtil.hexDump(wire));
    assertThrows(IllegalArgumentException.class, () -> NxRegMove.wholeField("NXM_OF_ETH_SRC", "NXM_OF_ARP_SPA"));
  }

  @Test
  void conntrackIsTheNiciraWireFormat() {
    ByteBuf wire = Unpooled.buffer();
    ((NxConntrack) LoxiTranslation.action(new Action.Conntrack(true, 7, Table.ARP_DHCP), () -> "test")).writeTo(wire);
    // type ffff, len 24, vendor 2320, subtype 35, flags commit, zone_src 0, zone 7, table 30, pad, alg 0
    assertEquals("ffff001800002320" + "0023000100000000" + "00071e0000000000", ByteBufUtil.hexDump(wire));
    wire.clear();
    ((NxConntrack) LoxiTranslation.action(new Action.Conntrack(false, 65535, null), () -> "test")).writeTo(wire);
    assertEquals("ffff001800002320" + "0023000000000000" + "ffffff0000000000", ByteBufUtil.hexDump(wire));
  }

  @Test
  void conntrackWithAMarkNestsASetField() {
    ByteBuf wire = Unpooled.buffer();
    ((NxConntrack) LoxiTranslation.action(new Action.ConntrackMark(7, 1), () -> "test")).writeTo(wire);
    // len 40: the 24-byte ct (commit, zone 7, no table) and set_field (type 25, len 16) of ct_mark (0001d604) to 1, pad
    assertEquals("ffff002800002320" + "0023000100000000" + "0007ff0000000000" + "001900100001d604" + "0000000100000000", ByteBufUtil.hexDump(wire));
  }

  @Test
  void conjunctionIsTheNiciraWireFormat() {
    ByteBuf wire = Unpooled.buffer();
    ((NxConjunction) LoxiTranslation.action(new Action.Conjunction(0xabcdef01L, 2, 3), () -> "test")).writeTo(wire);
    // type ffff, len 16, vendor 2320, subtype 34, clause 1 (0-based), n_clauses 3, id
    assertEquals("ffff001000002320" + "00220103abcdef01", ByteBufUtil.hexDump(wire));
    assertThrows(IllegalArgumentException.class, () -> new Action.Conjunction(1, 1, 1));
  }

  /** conj_id goes out as one more OXM entry; read back from wherever the switch puts it, it equals what was written. */
  @Test
  void aConjunctionIdMatchRoundTrips() throws Exception {
    FlowEntry acting = new FlowEntry(Table.INGRESS_RULES, 190, Match.any().and(MatchField.CONJ_ID, 77).and(MatchField.ETH_TYPE, "0x0800"),
        List.of(new Action.GotoTable(Table.INGRESS_VERDICT)), Cookie.pipeline());
    var match = LoxiTranslation.match(acting);
    ByteBuf wire = Unpooled.buffer();
    match.writeTo(wire);
    // OXM match, len 18: eth_type 0x0800 (80000a02 0800), conj_id 77 (00014a04 0000004d), 6 bytes pad
    assertEquals("00010012" + "80000a020800" + "00014a040000004d" + "000000000000", ByteBufUtil.hexDump(wire));
    WireMatch written = WireMatch.of(match);
    assertEquals(written, WireMatch.read(wire, 0));
    ByteBuf conjIdFirst = Unpooled.wrappedBuffer(java.util.HexFormat.of().parseHex("00010012" + "00014a040000004d" + "80000a020800" + "000000000000"));
    assertEquals(written, WireMatch.read(conjIdFirst, 0), "OVS may order the entries its own way");
    ByteBuf sorted = Unpooled.buffer();
    written.writeTo(sorted);
    assertEquals(ByteBufUtil.hexDump(conjIdFirst), ByteBufUtil.hexDump(sorted), "sent sorted by class and field");
  }

  @Test
  void ctStateIsAMaskedMatchWrittenAsFlags() {
    FlowEntry established = new FlowEntry(Table.EGRESS_RULES, 200, Match.any().and(MatchField.IN_PORT, 2).and(MatchField.CT_STATE, "+trk+est-inv"),
        List.of(new Action.GotoTable(Table.ARP_DHCP)), Cookie.pipeline());
    assertEquals("table=21, priority=200,in_port=2,ct_state=+trk+est-inv actions=goto_table:30", established.ofctl().replaceAll("^cookie=0x[0-9a-f]+, ", ""));
    var ctState = LoxiTranslation.flowAdd(established, 1).getMatch().getMasked(org.projectfloodlight.openflow.protocol.match.MatchField.CONN_TRACKING_STATE);
    assertEquals(List.of(0x22L, 0x32L), List.of(ctState.getValue().getValue(), ctState.getMask().getValue()));
  }

  @Test
  void refusesWhatItCannotSayExactly() {
    FlowEntry tpWithoutProto = new FlowEntry(Table.PORT_SECURITY, 10, Match.any().and(MatchField.UDP_SRC, 68), List.of(), Cookie.pipeline());
    assertThrows(UnsupportedFlowException.class, () -> LoxiTranslation.flowAdd(tpWithoutProto, 1));
    GroupEntry gotoInBucket = new GroupEntry(1, List.of(List.of(new Action.GotoTable(Table.OUTPUT))), Cookie.pipeline());
    assertThrows(UnsupportedFlowException.class, () -> LoxiTranslation.groupAdd(gotoInBucket, 1));
  }

  private static int countFields(OFFlowAdd add) {
    int n = 0;
    for (var ignored : add.getMatch().getMatchFields()) n++;
    return n;
  }
}
