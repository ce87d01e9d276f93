package io.tenet.switches.openflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.SampleViews;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

/** Mods written from wire bytes say to the switch exactly what Loxi's would, field for field. */
class TableModWireTest {
  static final CompiledFlows HV1 = FlowCompiler.compile(SampleViews.HV1);
  /** Every kind of flow the compiler makes: switching, routing, address pairs, security groups with conjunctions. */
  static final List<FlowEntry> ALL = Stream.of(SampleViews.HV1, SampleViews.ROUTER_HV1, SampleViews.ADDRESS_PAIRS_HV1, SampleViews.SECURITY_GROUPS_HV1)
      .flatMap(view -> FlowCompiler.compile(view).flows().stream()).toList();

  @Test
  void aFlowAddIsLoxisFlowAddWithItsMatchEntriesSorted() {
    for (FlowEntry flow : ALL) {
      WireMatch match = WireMatch.of(LoxiTranslation.match(flow));
      FlowMod ours = FlowMod.add(flow.table().id(), flow.priority(), flow.cookie().value(), match, WireBytes.of(LoxiTranslation.instructions(flow)));
      assertSameMod(LoxiTranslation.flowAdd(flow, 42), ours, flow.ofctl());
    }
  }

  @Test
  void aStrictDeleteIsLoxisStrictDelete() {
    for (FlowEntry flow : ALL) {
      OFMessage loxi = LoxiTranslation.OF13.buildFlowDeleteStrict().setXid(42).setTableId(TableId.of(flow.table().id())).setPriority(flow.priority())
          .setMatch(LoxiTranslation.match(flow)).setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY).setBufferId(OFBufferId.NO_BUFFER).build();
      assertSameMod(loxi, FlowMod.deleteStrict(flow.table().id(), flow.priority(), WireMatch.of(LoxiTranslation.match(flow))), flow.ofctl());
    }
  }

  @Test
  void groupModsAreLoxisGroupMods() {
    for (GroupEntry group : HV1.groups()) {
      byte[] buckets = WireBytes.of(LoxiTranslation.buckets(group));
      OFGroup id = OFGroup.of((int) group.groupId());
      assertEquals(hex(LoxiTranslation.groupAdd(group, 42)::writeTo), hex(out -> new GroupMod(GroupMod.Command.ADD, group.groupId(), 0, buckets).writeTo(out, 42)));
      assertEquals(hex(LoxiTranslation.OF13.buildGroupModify().setXid(42).setGroup(id).setGroupType(OFGroupType.ALL).setBuckets(LoxiTranslation.buckets(group)).build()::writeTo),
          hex(out -> new GroupMod(GroupMod.Command.MODIFY, group.groupId(), 0, buckets).writeTo(out, 42)));
      assertEquals(hex(LoxiTranslation.OF13.buildGroupDelete().setXid(42).setGroup(id).setGroupType(OFGroupType.ALL).build()::writeTo),
          hex(out -> new GroupMod(GroupMod.Command.DELETE, group.groupId(), 0, new byte[0]).writeTo(out, 42)));
    }
  }

  /** The same header and fixed part, the same match entries (in any order), the same instruction bytes. */
  private static void assertSameMod(OFMessage loxi, FlowMod ours, String what) {
    ByteBuf theirs = Unpooled.buffer();
    loxi.writeTo(theirs);
    ByteBuf mine = Unpooled.buffer();
    ours.writeTo(mine, 42);
    assertEquals(theirs.readableBytes(), mine.readableBytes(), what);
    assertEquals(ByteBufUtil.hexDump(theirs, 0, FlowMod.FIXED), ByteBufUtil.hexDump(mine, 0, FlowMod.FIXED), what);
    assertEquals(WireMatch.read(theirs, FlowMod.FIXED), WireMatch.read(mine, FlowMod.FIXED), what);
    int instructions = FlowMod.FIXED + ours.match().wireLength();
    assertEquals(ByteBufUtil.hexDump(theirs, instructions, theirs.readableBytes() - instructions),
        ByteBufUtil.hexDump(mine, instructions, mine.readableBytes() - instructions), what);
  }

  private static String hex(Consumer<ByteBuf> writer) {
    ByteBuf out = Unpooled.buffer();
    writer.accept(out);
    return ByteBufUtil.hexDump(out);
  }
}
