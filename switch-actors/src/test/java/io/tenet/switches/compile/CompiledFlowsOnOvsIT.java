package io.tenet.switches.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.MatchField;
import io.tenet.switches.ovs.PrivateOvs;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.PipelineTracer;
import io.tenet.switches.trace.TraceExit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled pipeline of {@link FlowCompilerTest}'s hv1, loaded into a real Open vSwitch:
 * every flow and group is accepted, and {@code ofproto/trace} gives the verdicts {@link PipelineTracer}
 * gives for the same packets (tunnel to the right hypervisor, local ARP answer, spoof dropped, foreign
 * VNI dropped). TraceIT in chaos-tests makes the same comparison on live hypervisors.
 */
class CompiledFlowsOnOvsIT {
  static PrivateOvs ovs;

  @BeforeAll
  static void loadIntoOvs() throws Exception {
    ovs = PrivateOvs.start();
    ovs.addSampleIntegrationBridge();
    ovs.loadIntoIntegrationBridge(FlowCompiler.compile(FlowCompilerTest.HV1));
  }

  @AfterAll
  static void stopOvs() throws Exception {
    if (ovs != null) ovs.close();
  }

  @Test
  void everyFlowAndGroupIsInstalled() throws Exception {
    CompiledFlows compiled = FlowCompiler.compile(FlowCompilerTest.HV1);
    long flows = ovs.ofctl("br-int", "dump-flows").lines().filter(line -> line.contains("cookie=")).count();
    long groups = ovs.ofctl("br-int", "dump-groups").lines().filter(line -> line.contains("group_id=")).count();
    assertEquals(compiled.flows().size(), flows);
    assertEquals(compiled.groups().size(), groups);
  }

  @Test
  void realOvsAgreesWithTheTracer() throws Exception {
    PipelineTracer tracer = new PipelineTracer(FlowCompiler.compile(FlowCompilerTest.HV1), FlowCompilerTest.TUNNEL);
    Packet toRemotePacket = Packet.of(FlowCompilerTest.ipv4(FlowCompilerTest.A1_MAC, FlowCompilerTest.A2_MAC, "10.0.0.3", "10.0.0.4"))
        .with(MatchField.IN_PORT, "2");
    TraceExit.IntoTunnel traced = tracer.trace(toRemotePacket).tunnelled().get(0);
    assertEquals(List.of("0x1000", "172.31.99.2"), List.of(traced.tunId(), traced.tunnelDst()));
    String toRemote = trace(toRemotePacket.ofprotoFlow());
    // this bridge has no underlay route, so the datapath drops it after the pipeline chose the tunnel
    assertTrue(toRemote.contains("set_field:0x1000->tun_id") && toRemote.contains("set_field:172.31.99.2->tun_dst")
        && toRemote.contains("output to native tunnel"), toRemote);

    Packet spoofedPacket = toRemotePacket.with(MatchField.IPV4_SRC, "10.0.0.99");
    assertTrue(tracer.trace(spoofedPacket).exits().isEmpty());
    String spoofed = trace(spoofedPacket.ofprotoFlow());
    assertTrue(finalActions(spoofed).equals("drop"), spoofed);

    Packet arpPacket = Packet.of(FlowCompilerTest.arpRequest(FlowCompilerTest.A1_MAC, "10.0.0.3", "10.0.0.4")).with(MatchField.IN_PORT, "2");
    assertEquals(List.of(2L), tracer.trace(arpPacket).ports());
    String arp = trace(arpPacket.ofprotoFlow());
    assertTrue(arp.contains("arp_sha=fa:16:3e:00:00:a2") || arp.contains("set_field:fa:16:3e:00:00:a2->arp_sha"), arp);
    assertTrue(finalActions(arp).contains("2") && !arp.contains("tun_dst=172"), "answered locally, nothing into the tunnel: " + arp);

    Packet foreignVniPacket = Packet.of(FlowCompilerTest.ipv4(FlowCompilerTest.B2_MAC, FlowCompilerTest.B1_MAC, "10.0.0.4", "10.0.0.3"))
        .with(MatchField.IN_PORT, "1").with(MatchField.TUN_ID, "0x1000");
    assertTrue(tracer.trace(foreignVniPacket).exits().isEmpty());
    String foreignVni = trace(foreignVniPacket.ofprotoFlow());
    assertEquals("drop", finalActions(foreignVni), foreignVni);
    Packet ownVniPacket = foreignVniPacket.with(MatchField.TUN_ID, "0x1001");
    assertEquals(List.of(3L), tracer.trace(ownVniPacket).ports());
    String ownVni = trace(ownVniPacket.ofprotoFlow());
    assertTrue(finalActions(ownVni).contains("3") || ownVni.contains("output:3"), ownVni);
  }

  private static String trace(String flow) throws Exception {
    return ovs.appctl("ofproto/trace", "br-int", flow);
  }

  private static String finalActions(String trace) {
    return trace.lines().filter(line -> line.startsWith("Datapath actions:")).findFirst().orElse("").replace("Datapath actions:", "").trim();
  }
}
