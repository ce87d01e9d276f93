package io.tenet.switches.compile;

import static io.tenet.switches.compile.FlowCompilerTest.arpRequest;
import static io.tenet.switches.compile.FlowCompilerTest.ipv4;
import static io.tenet.switches.compile.FlowCompilerTest.withTunnel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.GroupEntry;
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
 * Router r1 (network A 10.0.0.0/24, a1 on hv1) has its external gateway on the flat external
 * network 203.0.113.0/24 (next hop 203.0.113.1, whose MAC was learned), carried by hvgw with
 * source NAT to 203.0.113.10; br-int reaches the physical network through patch port 5. The golden
 * dump is what an operator reads on hvgw; the tests walk packets from a1 out through hv1 and hvgw
 * and from outside in.
 */
class GatewayFlowsTest {
  static final long TUNNEL = 1;
  static final long PATCH = 5;
  static final String A1_MAC = "fa:16:3e:00:00:a1";
  static final String R1_A_MAC = "fa:16:3e:00:01:0a";
  static final String GATEWAY_MAC = "fa:16:3e:00:0e:01";
  static final String UPSTREAM_MAC = "02:00:00:00:00:01";
  static final String HV1 = "172.31.99.1";
  static final String HVGW = "172.31.99.9";
  static final String EXTERNAL_IP = "203.0.113.10";
  static final int EXTERNAL_VNI = 0x1100;

  static final RouterLeg R1_A = new RouterLeg("net-a", 0x1000, "r1-a", R1_A_MAC, "10.0.0.1", "10.0.0.0/24");
  static final NetworkPlan NET_A_REMOTE = new NetworkPlan("net-a", 0x1000, true, List.of(new RemotePort("a1", A1_MAC, List.of("10.0.0.3"), HV1)));

  static final String FLOATING_IP = "203.0.113.20";
  static final long EXIT_GROUP = RouterExit.GROUP_BASE + 0x123;

  /** a1's address 10.0.0.3 has floating IP 203.0.113.20. */
  static GatewayPlan gateway(boolean snat) {
    return new GatewayPlan("r1", 0xf000, GATEWAY_MAC, EXTERNAL_IP, snat, EXTERNAL_VNI, PATCH, List.of(R1_A), List.of(new FloatingIpPlan(FLOATING_IP, "10.0.0.3")));
  }

  static final ExternalPlan PUBLIC = new ExternalPlan("public", EXTERNAL_VNI, "203.0.113.0/24", "203.0.113.1", PATCH, Map.of("203.0.113.1", UPSTREAM_MAC));

  static DatapathView gatewayHv(boolean snat) {
    return new DatapathView("00000000000000a9", HVGW, TUNNEL, List.of(), List.of(), List.of(NET_A_REMOTE),
        List.of(new RouterPlan("r1", List.of(R1_A), List.of(), new RouterExit(GATEWAY_MAC, EXIT_GROUP, List.of(new GatewayHop.Here())))), Map.of(), List.of(gateway(snat)), List.of(PUBLIC));
  }

  static final DatapathView HVGW_VIEW = gatewayHv(true);

  static final DatapathView HV1_VIEW = new DatapathView("0000000000000001", HV1, TUNNEL,
      List.of(new LocalPort("a1", "net-a", 2, A1_MAC, List.of("10.0.0.3"), true)), List.of(new NetworkPlan("net-a", 0x1000, true, List.of())), List.of(),
      List.of(new RouterPlan("r1", List.of(R1_A), List.of(), new RouterExit(GATEWAY_MAC, EXIT_GROUP, List.of(new GatewayHop.Unwatched(HVGW))))), Map.of());

  final PipelineTracer hvgw = new PipelineTracer(FlowCompiler.compile(HVGW_VIEW), TUNNEL);

  @Test
  void goldenDumpOfTheGatewayHypervisor() throws IOException {
    Path golden = Path.of("src/test/resources/golden/hvgw-gateway.flows");
    CompiledFlows compiled = FlowCompiler.compile(HVGW_VIEW);
    String dump = compiled.legend() + compiled.ofctl();
    if (Boolean.getBoolean("tenet.golden.write")) Files.writeString(golden, dump);
    assertEquals(Files.readString(golden), dump, "compiled flows changed; review the diff, then rewrite with -Dtenet.golden.write=true");
  }

  @Test
  void aPacketForOutsideIsRoutedOnceOnItsSendersHypervisorAndTunnelledToTheGateway() {
    PipelineTrace sent = new PipelineTracer(FlowCompiler.compile(HV1_VIEW), TUNNEL)
        .trace(Packet.of(ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "198.51.100.7")).with(MatchField.IN_PORT, "2"));
    assertEquals(1, sent.tunnelled().size(), sent.toString());
    TraceExit.IntoTunnel out = sent.tunnelled().get(0);
    assertEquals(List.of("0x1000", HVGW, GATEWAY_MAC, R1_A_MAC), List.of(out.tunId(), out.tunnelDst(), out.packet().get(MatchField.ETH_DST),
        out.packet().get(MatchField.ETH_SRC)));
    assertEquals(1, sent.steps().stream().filter(step -> step.flow().actions().stream().anyMatch(a -> a instanceof Action.DecTtl)).count());
  }

  @Test
  void theGatewaySendsItOutWithTheRoutersAddressToTheLearnedMac() {
    PipelineTrace out = arriving("10.0.0.4", "203.0.113.1");
    assertEquals(List.of(PATCH), out.ports(), out.toString());
    Packet leaving = ((TraceExit.ToPort) out.exits().get(0)).packet();
    assertEquals(List.of(EXTERNAL_IP, "203.0.113.1", GATEWAY_MAC, UPSTREAM_MAC), List.of(leaving.get(MatchField.IPV4_SRC), leaving.get(MatchField.IPV4_DST),
        leaving.get(MatchField.ETH_SRC), leaving.get(MatchField.ETH_DST)));
    // beyond the external subnet: to the subnet's gateway
    Packet beyond = ((TraceExit.ToPort) arriving("10.0.0.4", "198.51.100.7").exits().get(0)).packet();
    assertEquals(List.of("198.51.100.7", UPSTREAM_MAC), List.of(beyond.get(MatchField.IPV4_DST), beyond.get(MatchField.ETH_DST)));
  }

  @Test
  void aFloatingIpIsReachedFromOutsideAndIsTheSourceOfWhatItsPortSends() {
    PipelineTrace inbound = fromOutside(ipv4(UPSTREAM_MAC, GATEWAY_MAC, "203.0.113.1", FLOATING_IP));
    assertEquals(1, inbound.tunnelled().size(), inbound.toString());
    TraceExit.IntoTunnel toA1 = inbound.tunnelled().get(0);
    assertEquals(List.of("0x1000", HV1, A1_MAC, "10.0.0.3", "203.0.113.1"), List.of(toA1.tunId(), toA1.tunnelDst(), toA1.packet().get(MatchField.ETH_DST),
        toA1.packet().get(MatchField.IPV4_DST), toA1.packet().get(MatchField.IPV4_SRC)));
    PipelineTrace arp = fromOutside(arpRequest(UPSTREAM_MAC, "203.0.113.1", FLOATING_IP));
    assertEquals(GATEWAY_MAC, ((TraceExit.ToPort) arp.exits().get(0)).packet().get(MatchField.ARP_SHA));

    Packet leaving = ((TraceExit.ToPort) arriving("203.0.113.1").exits().get(0)).packet();
    assertEquals(FLOATING_IP, leaving.get(MatchField.IPV4_SRC), "a1 has a floating IP: it leaves with it, not with the router's address");
    PipelineTrace withoutSnat = new PipelineTracer(FlowCompiler.compile(gatewayHv(false)), TUNNEL)
        .trace(Packet.of(withTunnel(ipv4(R1_A_MAC, GATEWAY_MAC, "10.0.0.3", "203.0.113.1"), "0x1000")).with(MatchField.IN_PORT, "1"));
    assertEquals(List.of(PATCH), withoutSnat.ports(), "a floating IP works without the router's source NAT: " + withoutSnat);
  }

  @Test
  void anAddressNotLearnedYetGoesToTheControllerToBeAskedFor() {
    PipelineTrace unknown = arriving("203.0.113.77");
    assertEquals(1, unknown.exits().size(), unknown.toString());
    assertInstanceOf(TraceExit.ToController.class, unknown.exits().get(0));
  }

  @Test
  void withoutSourceNatTheGatewayLetsNothingOut() {
    PipelineTrace dropped = new PipelineTracer(FlowCompiler.compile(gatewayHv(false)), TUNNEL)
        .trace(Packet.of(withTunnel(ipv4(R1_A_MAC, GATEWAY_MAC, "10.0.0.4", "203.0.113.1"), "0x1000")).with(MatchField.IN_PORT, "1"));
    assertEquals(Optional.of(Table.GATEWAY_SNAT), dropped.droppedIn(), dropped.toString());
  }

  @Test
  void theGatewayAnswersArpForItsExternalAddressAndHandsUpArpAnswers() {
    PipelineTrace arp = fromOutside(arpRequest(UPSTREAM_MAC, "203.0.113.1", EXTERNAL_IP));
    assertEquals(List.of(PATCH), arp.ports(), arp.toString());
    assertEquals(GATEWAY_MAC, ((TraceExit.ToPort) arp.exits().get(0)).packet().get(MatchField.ARP_SHA));
    Map<MatchField, String> answer = arpRequest(UPSTREAM_MAC, "203.0.113.1", EXTERNAL_IP);
    answer.put(MatchField.ARP_OP, "2");
    answer.put(MatchField.ETH_DST, GATEWAY_MAC);
    assertInstanceOf(TraceExit.ToController.class, fromOutside(answer).exits().get(0));
    assertTrue(fromOutside(arpRequest(UPSTREAM_MAC, "203.0.113.1", "203.0.113.99")).exits().isEmpty(), "nobody else's ARP is answered");
  }

  @Test
  void theGatewayAnswersPingToTheRoutersExternalAddressTaggedOnAVlan() {
    Map<MatchField, String> echo = ipv4(UPSTREAM_MAC, GATEWAY_MAC, "203.0.113.1", EXTERNAL_IP);
    echo.put(MatchField.IP_PROTO, "1");
    echo.put(MatchField.ICMP_TYPE, "8");
    PipelineTrace ping = fromOutside(echo);
    assertEquals(List.of(PATCH), ping.ports(), ping.toString());
    Packet reply = ((TraceExit.ToPort) ping.exits().get(0)).packet();
    assertEquals(List.of(EXTERNAL_IP, "203.0.113.1", GATEWAY_MAC, UPSTREAM_MAC, "0"), List.of(reply.get(MatchField.IPV4_SRC), reply.get(MatchField.IPV4_DST),
        reply.get(MatchField.ETH_SRC), reply.get(MatchField.ETH_DST), reply.get(MatchField.ICMP_TYPE)));
    PipelineTrace tagged = new PipelineTracer(FlowCompiler.compile(HVGW_VLAN_VIEW), TUNNEL)
        .trace(Packet.of(echo).with(MatchField.IN_PORT, Long.toString(PATCH)).with(MatchField.VLAN_VID, "0x1064"));
    assertEquals("0x1064", ((TraceExit.ToPort) tagged.exits().get(0)).packet().get(MatchField.VLAN_VID), tagged.toString());
  }

  @Test
  void aNewConnectionFromOutsideFindsNoInternalAddress() {
    PipelineTrace inbound = fromOutside(ipv4(UPSTREAM_MAC, GATEWAY_MAC, "203.0.113.1", EXTERNAL_IP));
    assertEquals(Optional.of(Table.L3_UNNAT), inbound.droppedIn(), inbound.toString());
  }

  @Test
  void aTaggedFrameOnTheFlatNetworksPortBelongsToNoNetwork() {
    Map<MatchField, String> tagged = arpRequest(UPSTREAM_MAC, "203.0.113.1", EXTERNAL_IP);
    PipelineTrace trace = hvgw.trace(Packet.of(tagged).with(MatchField.IN_PORT, Long.toString(PATCH)).with(MatchField.VLAN_VID, "0x1064"));
    assertEquals(Optional.of(Table.CLASSIFY), trace.droppedIn(), trace.toString());
  }

  /** hvgw with the external network on VLAN 100 of the physical network instead. */
  static final DatapathView HVGW_VLAN_VIEW = new DatapathView("00000000000000a9", HVGW, TUNNEL, List.of(), List.of(), List.of(NET_A_REMOTE),
      List.of(new RouterPlan("r1", List.of(R1_A), List.of(), new RouterExit(GATEWAY_MAC, EXIT_GROUP, List.of(new GatewayHop.Here())))), Map.of(),
      List.of(new GatewayPlan("r1", 0xf000, GATEWAY_MAC, EXTERNAL_IP, true, EXTERNAL_VNI, PATCH, 100, List.of(R1_A), List.of(new FloatingIpPlan(FLOATING_IP, "10.0.0.3")))),
      List.of(new ExternalPlan("public", EXTERNAL_VNI, "203.0.113.0/24", "203.0.113.1", PATCH, 100, Map.of("203.0.113.1", UPSTREAM_MAC))));

  @Test
  void onAVlanSegmentTheTagIsRemovedOnTheWayInAndPushedOnTheWayOut() {
    PipelineTracer vlanHv = new PipelineTracer(FlowCompiler.compile(HVGW_VLAN_VIEW), TUNNEL);
    PipelineTrace arp = vlanHv.trace(Packet.of(arpRequest(UPSTREAM_MAC, "203.0.113.1", EXTERNAL_IP)).with(MatchField.IN_PORT, Long.toString(PATCH))
        .with(MatchField.VLAN_VID, "0x1064"));
    assertEquals(List.of(PATCH), arp.ports(), arp.toString());
    assertEquals("0x1064", ((TraceExit.ToPort) arp.exits().get(0)).packet().get(MatchField.VLAN_VID), "the answer goes back tagged");
    PipelineTrace untagged = vlanHv.trace(Packet.of(arpRequest(UPSTREAM_MAC, "203.0.113.1", EXTERNAL_IP)).with(MatchField.IN_PORT, Long.toString(PATCH))
        .with(MatchField.VLAN_VID, "0x0000"));
    assertEquals(Optional.of(Table.CLASSIFY), untagged.droppedIn(), "another segment's frame: " + untagged);
    PipelineTrace out = vlanHv.trace(Packet.of(withTunnel(ipv4(R1_A_MAC, GATEWAY_MAC, "10.0.0.4", "203.0.113.1"), "0x1000")).with(MatchField.IN_PORT, "1"));
    assertEquals("0x1064", ((TraceExit.ToPort) out.exits().get(0)).packet().get(MatchField.VLAN_VID), out.toString());
  }

  static final long PEER_HVGW = 12;
  static final long PEER_HVGW2 = 13;

  /** hvgw2, second host of r1's gateway: it carries the gateway only while BFD says hvgw (peer tunnel 12) is gone. */
  static DatapathView standbyHv(boolean armed) {
    GatewayGate gate = new GatewayGate(GatewayGate.GROUP_BASE + 0xf000, List.of(new GatewayHop.Peer(HVGW, PEER_HVGW)), armed);
    GatewayPlan standby = new GatewayPlan("r1", 0xf000, GATEWAY_MAC, EXTERNAL_IP, true, EXTERNAL_VNI, PATCH, null, List.of(R1_A),
        List.of(new FloatingIpPlan(FLOATING_IP, "10.0.0.3")), gate);
    List<GatewayHop> hops = armed ? List.of(new GatewayHop.Peer(HVGW, PEER_HVGW), new GatewayHop.Here()) : List.of(new GatewayHop.Peer(HVGW, PEER_HVGW));
    return new DatapathView("00000000000000aa", "172.31.99.10", TUNNEL, List.of(), List.of(), List.of(NET_A_REMOTE),
        List.of(new RouterPlan("r1", List.of(R1_A), List.of(), new RouterExit(GATEWAY_MAC, EXIT_GROUP, hops))), Map.of(), List.of(standby), List.of(PUBLIC));
  }

  @Test
  void goldenDumpOfAStandbyGatewayHypervisor() throws IOException {
    Path golden = Path.of("src/test/resources/golden/hvgw2-standby.flows");
    CompiledFlows compiled = FlowCompiler.compile(standbyHv(true));
    String dump = compiled.legend() + compiled.ofctl();
    if (Boolean.getBoolean("tenet.golden.write")) Files.writeString(golden, dump);
    assertEquals(Files.readString(golden), dump, "compiled flows changed; review the diff, then rewrite with -Dtenet.golden.write=true");
  }

  @Test
  void aStandbyLetsNothingInWhileTheHostBeforeItIsThereAndPassesItOnOnceItIsGone() {
    GroupEntry gate = group(standbyHv(true), GatewayGate.GROUP_BASE + 0xf000);
    assertEquals(GroupEntry.Type.FAST_FAILOVER, gate.type());
    assertEquals(List.of(GroupEntry.Bucket.watching(PEER_HVGW, List.of()), GroupEntry.Bucket.always(List.of(new Action.Resubmit(Table.ARP_DHCP)))),
        gate.buckets());
    assertEquals(List.of(GroupEntry.Bucket.watching(PEER_HVGW, List.of()), GroupEntry.Bucket.always(List.of())),
        group(standbyHv(false), GatewayGate.GROUP_BASE + 0xf000).buckets(), "not settled with hvgw yet: it never passes anything");
    assertTrue(FlowCompiler.compile(standbyHv(true)).groups().contains(GroupEntry.alwaysLive()), "always-live buckets watch the always-live group");

    // the trace takes every peer as alive: hvgw carries the gateway, so hvgw2 answers nothing from outside
    PipelineTracer standby = new PipelineTracer(FlowCompiler.compile(standbyHv(true)), TUNNEL);
    PipelineTrace arp = standby.trace(Packet.of(arpRequest(UPSTREAM_MAC, "203.0.113.1", FLOATING_IP)).with(MatchField.IN_PORT, Long.toString(PATCH))
        .with(MatchField.VLAN_VID, "0x0000"));
    assertTrue(arp.exits().isEmpty(), arp.toString());
    assertEquals(Table.GATEWAY_GATE, arp.steps().get(arp.steps().size() - 1).flow().table());
  }

  @Test
  void aSenderGoesToTheFirstHostBfdSaysIsThereAndAHostTakesWhatComesToItsGatewayWhenTheOneBeforeIsGone() {
    RouterExit twoHosts = new RouterExit(GATEWAY_MAC, EXIT_GROUP, List.of(new GatewayHop.Peer(HVGW, PEER_HVGW), new GatewayHop.Peer("172.31.99.10", PEER_HVGW2)));
    DatapathView hv1 = new DatapathView("0000000000000001", HV1, TUNNEL,
        List.of(new LocalPort("a1", "net-a", 2, A1_MAC, List.of("10.0.0.3"), true)), List.of(new NetworkPlan("net-a", 0x1000, true, List.of())), List.of(),
        List.of(new RouterPlan("r1", List.of(R1_A), List.of(), twoHosts)), Map.of());
    assertEquals(List.of(GroupEntry.Bucket.watching(PEER_HVGW, List.of(new Action.Output(PEER_HVGW))),
        GroupEntry.Bucket.watching(PEER_HVGW2, List.of(new Action.Output(PEER_HVGW2)))), group(hv1, EXIT_GROUP).buckets());
    PipelineTrace sent = new PipelineTracer(FlowCompiler.compile(hv1), TUNNEL)
        .trace(Packet.of(ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "198.51.100.7")).with(MatchField.IN_PORT, "2"));
    assertEquals(List.of(PEER_HVGW), sent.ports(), sent.toString());
    assertEquals("0x1000", ((TraceExit.ToPort) sent.exits().get(0)).packet().get(MatchField.TUN_ID), "the peer tunnel carries the sender's VNI");

    // on hvgw2 the exit group ends with its own gateway tables: what arrives for the gateway while hvgw is gone goes out here
    assertEquals(GroupEntry.Bucket.always(List.of(new Action.Resubmit(Table.GATEWAY_SNAT))), group(standbyHv(true), EXIT_GROUP).buckets().get(1));
  }

  private static GroupEntry group(DatapathView view, long groupId) {
    return FlowCompiler.compile(view).groups().stream().filter(g -> g.groupId() == groupId).findFirst().orElseThrow();
  }

  /** A packet a1 sent to 203.0.113.x or beyond, as it arrives from hv1's tunnel. */
  private PipelineTrace arriving(String destination) {
    return arriving("10.0.0.3", destination);
  }

  private PipelineTrace arriving(String source, String destination) {
    return hvgw.trace(Packet.of(withTunnel(ipv4(R1_A_MAC, GATEWAY_MAC, source, destination), "0x1000")).with(MatchField.IN_PORT, "1"));
  }

  private PipelineTrace fromOutside(Map<MatchField, String> headers) {
    return hvgw.trace(Packet.of(headers).with(MatchField.IN_PORT, Long.toString(PATCH)).with(MatchField.VLAN_VID, "0x0000"));
  }
}
