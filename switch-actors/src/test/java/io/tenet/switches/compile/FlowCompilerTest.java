package io.tenet.switches.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.PipelineTrace;
import io.tenet.switches.trace.PipelineTracer;
import io.tenet.switches.trace.TraceExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hypervisor hv1 hosts a1 (tenant 1, network A, port security on) and b1 (tenant 2, network B,
 * port security off). Both tenants use 10.0.0.0/24 with the same addresses; A also has ports on
 * hv2 and hv3, B one on hv2. The golden dump is what an operator would read on hv1; the rest
 * walks packets through the compiled tables.
 */
class FlowCompilerTest {
  static final long TUNNEL = 1;
  static final String A1_MAC = "fa:16:3e:00:00:a1";
  static final String A2_MAC = "fa:16:3e:00:00:a2";
  static final String B1_MAC = "fa:16:3e:00:00:b1";
  static final String B2_MAC = "fa:16:3e:00:00:b2";
  static final String HV2 = "172.31.99.2";
  static final String HV3 = "172.31.99.3";

  static final NetworkPlan NET_A = new NetworkPlan("net-a", 4096, true, List.of(
      new RemotePort("a2", A2_MAC, List.of("10.0.0.4"), HV2),
      new RemotePort("a3", "fa:16:3e:00:00:a3", List.of("10.0.0.5"), HV3)));
  static final NetworkPlan NET_B = new NetworkPlan("net-b", 4097, false, List.of(
      new RemotePort("b2", B2_MAC, List.of("10.0.0.4"), HV2)));
  static final NetworkPlan NET_ELSEWHERE = new NetworkPlan("net-c", 4098, true, List.of(
      new RemotePort("c2", "fa:16:3e:00:00:c2", List.of("10.9.0.2"), HV2)));
  static final DatapathView HV1 = new DatapathView("0000000000000001", "172.31.99.1", TUNNEL, List.of(
      new LocalPort("a1", "net-a", 2, A1_MAC, List.of("10.0.0.3"), true),
      new LocalPort("b1", "net-b", 3, B1_MAC, List.of("10.0.0.3"), false)),
      List.of(NET_A, NET_B, NET_ELSEWHERE));

  final Hv1 hv1 = new Hv1(new PipelineTracer(FlowCompiler.compile(HV1), TUNNEL));

  /** Sends header fields into hv1's tables on an OpenFlow port. */
  record Hv1(PipelineTracer tracer) {
    PipelineTrace send(long inPort, Map<MatchField, String> headers) {
      return tracer.trace(Packet.of(headers).with(MatchField.IN_PORT, Long.toString(inPort)));
    }
  }

  @Test
  void goldenDumpOfHv1() throws IOException {
    Path golden = Path.of("src/test/resources/golden/hv1-two-tenants.flows");
    CompiledFlows compiled = FlowCompiler.compile(HV1);
    String dump = compiled.legend() + compiled.ofctl();
    if (Boolean.getBoolean("tenet.golden.write")) Files.writeString(golden, dump);
    assertEquals(Files.readString(golden), dump, "compiled flows changed; review the diff, then rewrite with -Dtenet.golden.write=true");
  }

  @Test
  void unicastToARemotePortTakesTheTunnelToItsHypervisorWithTheNetworksVni() {
    PipelineTrace verdict = hv1.send(2, ipv4(A1_MAC, A2_MAC, "10.0.0.3", "10.0.0.4"));
    assertEquals(1, verdict.exits().size());
    TraceExit.IntoTunnel out = (TraceExit.IntoTunnel) verdict.exits().get(0);
    assertEquals(TUNNEL, out.ofport());
    assertEquals("0x1000", out.tunId());
    assertEquals(HV2, out.tunnelDst());
  }

  @Test
  void portSecurityDropsSpoofedSourcesAndOnlyThose() {
    assertEquals(Optional.of(Table.PORT_SECURITY), hv1.send(2, ipv4(A1_MAC, A2_MAC, "10.0.0.99", "10.0.0.4")).droppedIn(), "spoofed IP");
    assertEquals(Optional.of(Table.PORT_SECURITY), hv1.send(2, ipv4("fa:16:3e:66:66:66", A2_MAC, "10.0.0.3", "10.0.0.4")).droppedIn(), "spoofed MAC");
    assertEquals(Optional.of(Table.PORT_SECURITY), hv1.send(2, arpRequest("fa:16:3e:66:66:66", "10.0.0.3", "10.0.0.4")).droppedIn(), "spoofed ARP sha");
    assertEquals(Optional.of(Table.PORT_SECURITY), hv1.send(2, arpRequest(A1_MAC, "10.0.0.77", "10.0.0.4")).droppedIn(), "spoofed ARP spa");
    // b1 has port security off: a foreign source passes
    assertEquals(List.of(TUNNEL), hv1.send(3, ipv4(B1_MAC, B2_MAC, "10.0.0.99", "10.0.0.4")).ports());
  }

  @Test
  void arpForAKnownAddressIsAnsweredLocallyAndNeverCrossesATunnel() {
    PipelineTrace verdict = hv1.send(2, arpRequest(A1_MAC, "10.0.0.3", "10.0.0.4"));
    assertEquals(List.of(2L), verdict.ports(), "the reply goes back to the asking port only");
    Packet reply = verdict.exits().get(0).packet();
    assertEquals("2", reply.get(MatchField.ARP_OP));
    assertEquals(A2_MAC, reply.get(MatchField.ARP_SHA));
    assertEquals("10.0.0.4", reply.get(MatchField.ARP_SPA));
    assertEquals(A1_MAC, reply.get(MatchField.ETH_DST));
    assertEquals("10.0.0.3", reply.get(MatchField.ARP_TPA));
  }

  @Test
  void broadcastReachesOnlyHypervisorsHostingTheNetwork() {
    PipelineTrace verdict = hv1.send(2, ipv4(A1_MAC, "ff:ff:ff:ff:ff:ff", "10.0.0.3", "10.0.0.255"));
    assertEquals(List.of(TUNNEL, TUNNEL), verdict.ports(), "one copy to hv2, one to hv3, none to tenant 2's port");
    assertEquals(List.of(HV2, HV3), verdict.tunnelled().stream().map(TraceExit.IntoTunnel::tunnelDst).sorted().toList());
    assertTrue(verdict.tunnelled().stream().allMatch(d -> "0x1000".equals(d.tunId())));
  }

  @Test
  void tunnelTrafficIsDeliveredOnlyWithinItsVniAndNeverSentBackIntoATunnel() {
    Map<MatchField, String> toB1 = ipv4(B2_MAC, B1_MAC, "10.0.0.4", "10.0.0.3");
    assertEquals(List.of(3L), hv1.send(TUNNEL, withTunnel(toB1, "0x1001")).ports());
    assertEquals(Optional.of(Table.L2_LOOKUP), hv1.send(TUNNEL, withTunnel(toB1, "0x1000")).droppedIn(), "tenant 1's VNI never reaches tenant 2's port");
    assertEquals(Optional.of(Table.CLASSIFY), hv1.send(TUNNEL, withTunnel(toB1, "0x2000")).droppedIn(), "an unknown VNI is dropped at once");
    PipelineTrace flood = hv1.send(TUNNEL, withTunnel(ipv4(A2_MAC, "ff:ff:ff:ff:ff:ff", "10.0.0.4", "10.0.0.255"), "0x1000"));
    assertEquals(List.of(2L), flood.ports(), "a broadcast from the tunnel goes to local ports only");
    PipelineTrace hairpin = hv1.send(TUNNEL, withTunnel(ipv4(A2_MAC, "fa:16:3e:00:00:a3", "10.0.0.4", "10.0.0.5"), "0x1000"));
    assertEquals(Optional.of(Table.L2_LOOKUP), hairpin.droppedIn());
  }

  @Test
  void dhcpGoesToTheControllerFromAPortWithoutAnAddressYet() {
    Map<MatchField, String> discover = ipv4(A1_MAC, "ff:ff:ff:ff:ff:ff", "0.0.0.0", "255.255.255.255");
    discover.put(MatchField.IP_PROTO, "17");
    discover.put(MatchField.UDP_SRC, "68");
    discover.put(MatchField.UDP_DST, "67");
    PipelineTrace verdict = hv1.send(2, discover);
    assertTrue(verdict.toController());
    assertEquals(1, verdict.exits().size(), "DHCP is answered by the controller, not flooded");
  }

  @Test
  void aNetworkWithoutLocalPortsCompilesToNothingAndNetworksCompileApart() {
    CompiledFlows elsewhere = FlowCompiler.network(HV1, NET_ELSEWHERE);
    assertTrue(elsewhere.flows().isEmpty() && elsewhere.groups().isEmpty());
    CompiledFlows onlyA = FlowCompiler.network(HV1, NET_A);
    assertTrue(onlyA.flows().stream().map(f -> f.match().fields().get(MatchField.METADATA)).filter(java.util.Objects::nonNull)
        .filter(m -> (m.split("/")[1].equals("0xffffff") || m.split("/")[1].equals("0x1ffffff")))
        .allMatch(m -> (Long.decode(m.split("/")[0]) & 0xFFFFFF) == NET_A.vni()), "network A's share holds nothing of B");
    assertEquals(FlowCompiler.compile(HV1), FlowCompiler.pipeline().plus(onlyA).plus(FlowCompiler.network(HV1, NET_B)));
  }

  @Test
  void flowsGrowWithTheLocalNetworksNotWithTheCloud() {
    int before = FlowCompiler.compile(HV1).flows().size();
    DatapathView withMoreElsewhere = new DatapathView(HV1.datapathId(), HV1.encapIp(), TUNNEL, HV1.localPorts(),
        List.of(NET_A, NET_B, NET_ELSEWHERE, new NetworkPlan("net-d", 5000, true, List.of(new RemotePort("d9", "fa:16:3e:00:00:d9", List.of("10.1.0.9"), HV3)))));
    assertEquals(before, FlowCompiler.compile(withMoreElsewhere).flows().size());
  }

  @Test
  void aTableRefusesAFlowMatchingAFieldItDidNotDeclare() {
    assertThrows(IllegalArgumentException.class, () -> new FlowEntry(Table.OUTPUT, 10, Match.any().and(MatchField.ETH_SRC, A1_MAC), List.of(), Cookie.pipeline()));
  }

  @Test
  void cookiesNameTheirOwnerKind() {
    Cookie port = Cookie.of(Cookie.Owner.PORT, "a1");
    assertEquals(0x3L, port.value() >>> 60);
    assertEquals(port, Cookie.of(Cookie.Owner.PORT, "a1"), "stable across runs and nodes");
    assertFalse(port.value() == Cookie.of(Cookie.Owner.PORT, "a2").value());
  }

  static Map<MatchField, String> ipv4(String src, String dst, String ipSrc, String ipDst) {
    return new java.util.EnumMap<>(Map.of(MatchField.ETH_SRC, src, MatchField.ETH_DST, dst, MatchField.ETH_TYPE, "0x0800",
        MatchField.IPV4_SRC, ipSrc, MatchField.IPV4_DST, ipDst));
  }

  static Map<MatchField, String> arpRequest(String sha, String spa, String tpa) {
    return new java.util.EnumMap<>(Map.of(MatchField.ETH_SRC, sha, MatchField.ETH_DST, "ff:ff:ff:ff:ff:ff", MatchField.ETH_TYPE, "0x0806",
        MatchField.ARP_OP, "1", MatchField.ARP_SHA, sha, MatchField.ARP_SPA, spa, MatchField.ARP_TPA, tpa, MatchField.ARP_THA, "00:00:00:00:00:00"));
  }

  static Map<MatchField, String> withTunnel(Map<MatchField, String> packet, String tunId) {
    Map<MatchField, String> copy = new java.util.EnumMap<>(packet);
    copy.put(MatchField.TUN_ID, tunId);
    return copy;
  }
}
