package io.tenet.switches.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.MatchField;
import io.tenet.switches.ovs.PrivateOvs;
import io.tenet.switches.trace.Packet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routing pipeline of {@link RoutingFlowsTest}'s hv1 in a real Open vSwitch: every flow is
 * accepted (dec_ttl, set_field of icmp_type, masked nw_dst) and {@code ofproto/trace} routes a
 * packet, answers the gateway's ping and drops another tenant's packet as the tracer does.
 */
class RoutingFlowsOnOvsIT {
  static PrivateOvs ovs;

  @BeforeAll
  static void loadIntoOvs() throws Exception {
    ovs = PrivateOvs.start();
    ovs.addSampleIntegrationBridge(); // a1 is OpenFlow port 2, the second port (3) stands for c1
    ovs.loadIntoIntegrationBridge(FlowCompiler.compile(RoutingFlowsTest.HV1));
  }

  @AfterAll
  static void stopOvs() throws Exception {
    if (ovs != null) ovs.close();
  }

  @Test
  void everyRoutingFlowIsInstalled() throws Exception {
    long flows = ovs.ofctl("br-int", "dump-flows").lines().filter(line -> line.contains("cookie=")).count();
    assertEquals(FlowCompiler.compile(RoutingFlowsTest.HV1).flows().size(), flows);
  }

  @Test
  void ovsRoutesIntoTheDestinationsVniWithOneTtlDecrement() throws Exception {
    String routed = trace(Packet.of(FlowCompilerTest.ipv4(RoutingFlowsTest.A1_MAC, RoutingFlowsTest.R1_A_MAC, "10.0.0.3", "10.0.1.4"))
        .with(MatchField.IN_PORT, "2").ofprotoFlow() + ",nw_ttl=64");
    assertTrue(routed.contains("dec_ttl") && routed.contains("set_field:0x1001->tun_id") && routed.contains("set_field:172.31.99.2->tun_dst")
        && routed.contains("set_field:" + RoutingFlowsTest.B2_MAC + "->eth_dst") && routed.contains("set_field:" + RoutingFlowsTest.R1_B_MAC + "->eth_src"), routed);
    assertTrue(finalActions(routed).contains("ttl=63") || routed.contains("nw_ttl=63"), routed);
  }

  @Test
  void ovsAnswersTheGatewaysPingOutOfTheSendersPort() throws Exception {
    Map<MatchField, String> echo = FlowCompilerTest.ipv4(RoutingFlowsTest.A1_MAC, RoutingFlowsTest.R1_A_MAC, "10.0.0.3", "10.0.0.1");
    echo.put(MatchField.IP_PROTO, "1");
    echo.put(MatchField.ICMP_TYPE, "8");
    String ping = trace(Packet.of(echo).with(MatchField.IN_PORT, "2").ofprotoFlow());
    assertTrue(ping.contains("set_field:0->icmp_type") && ping.contains("IN_PORT"), ping);
    assertTrue(!finalActions(ping).equals("drop") && !finalActions(ping).isEmpty(), ping);
  }

  @Test
  void ovsDropsAnotherTenantsPacketToTheRoutersMac() throws Exception {
    String foreign = trace(Packet.of(FlowCompilerTest.ipv4(RoutingFlowsTest.C1_MAC, RoutingFlowsTest.R1_A_MAC, "10.0.0.3", "10.0.1.4"))
        .with(MatchField.IN_PORT, "3").ofprotoFlow());
    assertEquals("drop", finalActions(foreign), foreign);
  }

  private static String trace(String flow) throws Exception {
    return ovs.appctl("ofproto/trace", "br-int", flow);
  }

  private static String finalActions(String trace) {
    return trace.lines().filter(line -> line.startsWith("Datapath actions:")).findFirst().orElse("").replace("Datapath actions:", "").trim();
  }
}
