package io.tenet.switches.openflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.SampleViews;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.U64;

/** What a connection reports to the node's metrics: mods and barriers sent, and the role the switch confirmed. */
class SwitchConnectionCountersTest {
  static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  final List<int[]> batches = new ArrayList<>();
  final SwitchConnection connection = new SwitchConnection(new SwitchListener() {
    @Override
    public void connected(SwitchConnection c) {}

    @Override
    public void disconnected(SwitchConnection c) {}
  }, 7, (flowMods, groupMods) -> batches.add(new int[] {flowMods, groupMods}));
  final EmbeddedChannel channel = new EmbeddedChannel(OpenFlowDecoder.frames(), new OpenFlowDecoder(), new OpenFlowEncoder(), connection);

  @Test
  void everyBatchReportsItsFlowModsAndGroupModsOnce() {
    handshake();
    CompiledFlows hv1 = FlowCompiler.compile(SampleViews.HV1);
    connection.apply(hv1);
    assertEquals(1, batches.size());
    assertEquals(hv1.flows().size(), batches.get(0)[0]);
    assertEquals(hv1.groups().size(), batches.get(0)[1]);
    connection.apply(List.of());
    assertEquals(2, batches.size(), "an empty batch still sends its barrier");
    assertEquals(0, batches.get(1)[0]);
  }

  @Test
  void theRoleIsWhatTheSwitchLastConfirmed() {
    assertEquals(OFControllerRole.ROLE_EQUAL, connection.role(), "OVS makes a new connection EQUAL");
    handshake();
    assertEquals(OFControllerRole.ROLE_SLAVE, connection.role());
    connection.requestRole(OFControllerRole.ROLE_MASTER, 8);
    OFMessage request = sent();
    assertEquals(OFControllerRole.ROLE_SLAVE, connection.role(), "not before the switch answers");
    receive(OF13.buildRoleReply().setXid(request.getXid()).setRole(OFControllerRole.ROLE_MASTER).setGenerationId(U64.of(8)).build());
    assertEquals(OFControllerRole.ROLE_MASTER, connection.role());
  }

  void handshake() {
    sent();
    receive(OF13.buildHello().setXid(100).build());
    OFMessage role = sent();
    OFMessage features = sent();
    receive(OF13.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DatapathId.of(1)).build());
    receive(OF13.buildRoleReply().setXid(role.getXid()).setRole(OFControllerRole.ROLE_SLAVE).setGenerationId(U64.of(7)).build());
  }

  void receive(OFMessage message) {
    ByteBuf wire = Unpooled.buffer();
    message.writeTo(wire);
    channel.writeInbound(wire);
  }

  OFMessage sent() {
    ByteBuf wire = channel.readOutbound();
    try {
      return OFFactories.getGenericReader().readFrom(wire);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      wire.release();
    }
  }
}
