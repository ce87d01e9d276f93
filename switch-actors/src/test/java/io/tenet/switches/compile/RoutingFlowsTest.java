package io.tenet.switches.compile;

import static io.tenet.switches.compile.FlowCompilerTest.arpRequest;
import static io.tenet.switches.compile.FlowCompilerTest.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Hypervisor hv1 hosts a1 (tenant 1, network A 10.0.0.0/24) and c1 (tenant 2, network C, the same
 * 10.0.0.0/24). Router r1 of tenant 1 joins A (10.0.0.1) and B (10.0.1.1); B has no port on hv1:
 * b2 is on hv2, and the appliance b3 (10.0.1.5), next hop of the static route 192.168.50.0/24, on
 * hv3. The golden dump is what an operator reads on hv1; the tests walk packets through it.
 */
class RoutingFlowsTest {
  static final long TUNNEL = 1;
  static final String A1_MAC = "fa:16:3e:00:00:a1";
  static final String C1_MAC = "fa:16:3e:00:00:c1";
  static final String B2_MAC = "fa:16:3e:00:00:b2";
  static final String B3_MAC = "fa:16:3e:00:00:b3";
  static final String R1_A_MAC = "fa:16:3e:00:01:0a";
  static final String R1_B_MAC = "fa:16:3e:00:01:0b";
  static final String HV2 = "172.31.99.2";
  static final String HV3 = "172.31.99.3";

  static final NetworkPlan NET_A = new NetworkPlan("net-a", 0x1000, true, List.of());
  static final NetworkPlan NET_B = new NetworkPlan("net-b", 0x1001, true, List.of(
      new RemotePort("b2", B2_MAC, List.of("10.0.1.4"), HV2),
      new RemotePort("b3", B3_MAC, List.of("10.0.1.5"), HV3)));
  static final NetworkPlan NET_C = new NetworkPlan("net-c", 0x1002, true, List.of());
  static final RouterPlan R1 = new RouterPlan("r1", List.of(
      new RouterLeg("net-a", 0x1000, "r1-a", R1_A_MAC, "10.0.0.1", "10.0.0.0/24"),
      new RouterLeg("net-b", 0x1001, "r1-b", R1_B_MAC, "10.0.1.1", "10.0.1.0/24")),
      List.of(new StaticRoute("192.168.50.0/24", "10.0.1.5")));
  static final DatapathView HV1 = new DatapathView("0000000000000001", "172.31.99.1", TUNNEL, List.of(
      new LocalPort("a1", "net-a", 2, A1_MAC, List.of("10.0.0.3"), true),
      new LocalPort("c1", "net-c", 3, C1_MAC, List.of("10.0.0.3"), true)),
      List.of(NET_A, NET_C), List.of(NET_B), List.of(R1));

  final PipelineTracer hv1 = new PipelineTracer(FlowCompiler.compile(HV1), TUNNEL);

  @Test
  void goldenDumpOfHv1() throws IOException {
    Path golden = Path.of("src/test/resources/golden/hv1-router.flows");
    CompiledFlows compiled = FlowCompiler.compile(HV1);
    String dump = compiled.legend() + compiled.ofctl();
    if (Boolean.getBoolean("tenet.golden.write")) Files.writeString(golden, dump);
    assertEquals(Files.readString(golden), dump, "compiled flows changed; review the diff, then rewrite with -Dtenet.golden.write=true");
  }

  @Test
  void aPacketToAnotherSubnetIsRoutedHereAndCrossesTheUnderlayOnceInTheDestinationsVni() {
    PipelineTrace trace = send(2, ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "10.0.1.4"));
    List<TraceExit.IntoTunnel> out = trace.tunnelled();
    assertEquals(1, trace.exits().size(), trace.toString());
    assertEquals(List.of("0x1001", HV2), List.of(out.get(0).tunId(), out.get(0).tunnelDst()));
    Packet routed = out.get(0).packet();
    assertEquals(List.of(R1_B_MAC, B2_MAC), List.of(routed.get(MatchField.ETH_SRC), routed.get(MatchField.ETH_DST)));
    assertTrue(trace.steps().stream().anyMatch(step -> step.flow().actions().stream().anyMatch(a -> a instanceof io.tenet.switches.flow.Action.DecTtl)),
        "the TTL is decremented once, here");
  }

  @Test
  void theGatewayAnswersArpAndPingFromFlows() {
    PipelineTrace arp = send(2, arpRequest(A1_MAC, "10.0.0.3", "10.0.0.1"));
    assertEquals(List.of(2L), arp.ports());
    assertEquals(R1_A_MAC, ((TraceExit.ToPort) arp.exits().get(0)).packet().get(MatchField.ARP_SHA));

    Map<MatchField, String> echo = ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "10.0.0.1");
    echo.put(MatchField.IP_PROTO, "1");
    echo.put(MatchField.ICMP_TYPE, "8");
    PipelineTrace ping = send(2, echo);
    assertEquals(List.of(2L), ping.ports());
    Packet reply = ((TraceExit.ToPort) ping.exits().get(0)).packet();
    assertEquals(List.of(R1_A_MAC, A1_MAC, "10.0.0.1", "10.0.0.3", "0"), List.of(reply.get(MatchField.ETH_SRC), reply.get(MatchField.ETH_DST),
        reply.get(MatchField.IPV4_SRC), reply.get(MatchField.IPV4_DST), reply.get(MatchField.ICMP_TYPE)));
    assertTrue(ping.steps().stream().noneMatch(step -> step.flow().actions().stream().anyMatch(a -> a instanceof io.tenet.switches.flow.Action.ToController)),
        "no packet-in");
  }

  @Test
  void aStaticRouteSendsItsPrefixToTheAppliance() {
    PipelineTrace trace = send(2, ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "192.168.50.7"));
    List<TraceExit.IntoTunnel> out = trace.tunnelled();
    assertEquals(List.of("0x1001", HV3, B3_MAC), List.of(out.get(0).tunId(), out.get(0).tunnelDst(), out.get(0).packet().get(MatchField.ETH_DST)));
  }

  @Test
  void unroutedDestinationsAndUnknownAddressesAreDropped() {
    assertTrue(send(2, ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "10.0.2.9")).exits().isEmpty(), "no route");
    PipelineTrace unknown = send(2, ipv4(A1_MAC, R1_A_MAC, "10.0.0.3", "10.0.1.99"));
    assertEquals(Optional.of(Table.L3_NEIGHBOR), unknown.droppedIn(), "no such address in B: " + unknown);
  }

  @Test
  void anotherTenantWithTheSameAddressesCannotUseTheRouter() {
    // c1 (tenant 2, 10.0.0.3 as well) addresses r1's MAC directly: its packets are in C's VNI and match nothing of r1
    assertTrue(send(3, ipv4(C1_MAC, R1_A_MAC, "10.0.0.3", "10.0.1.4")).exits().isEmpty());
    assertTrue(send(3, arpRequest(C1_MAC, "10.0.0.3", "10.0.0.1")).exits().isEmpty(), "C has no gateway here");
  }

  @Test
  void aRouterWithoutALocalSenderCompilesNothingButItsNetworksStayReachable() {
    DatapathView onlyB = new DatapathView("0000000000000002", HV2, TUNNEL, List.of(new LocalPort("b2", "net-b", 2, B2_MAC, List.of("10.0.1.4"), true)),
        List.of(new NetworkPlan("net-b", 0x1001, true, List.of())), List.of(new NetworkPlan("net-a", 0x1000, true, List.of(
            new RemotePort("a1", A1_MAC, List.of("10.0.0.3"), "172.31.99.1")))), List.of(R1));
    PipelineTrace reply = new PipelineTracer(FlowCompiler.compile(onlyB), TUNNEL).trace(
        Packet.of(ipv4(B2_MAC, R1_B_MAC, "10.0.1.4", "10.0.0.3")).with(MatchField.IN_PORT, "2"));
    assertEquals(List.of("0x1000", "172.31.99.1", A1_MAC), List.of(reply.tunnelled().get(0).tunId(), reply.tunnelled().get(0).tunnelDst(),
        reply.tunnelled().get(0).packet().get(MatchField.ETH_DST)));
  }

  private PipelineTrace send(long inPort, Map<MatchField, String> headers) {
    return hv1.trace(Packet.of(headers).with(MatchField.IN_PORT, Long.toString(inPort)));
  }
}
