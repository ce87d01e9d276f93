package io.tenet.switches.compile;

import static io.tenet.switches.compile.FlowCompilerTest.arpRequest;
import static io.tenet.switches.compile.FlowCompilerTest.ipv4;
import static io.tenet.switches.compile.FlowCompilerTest.withTunnel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.MatchField;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.PipelineTrace;
import io.tenet.switches.trace.PipelineTracer;
import io.tenet.topology.model.AddressPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** a1 (10.0.0.3) may also send from the VIP 10.0.0.100 and, with the MAC ...:99, from 10.0.0.96/28; a2 on hv2 has a pair MAC too. */
class AddressPairFlowsTest {
  static final String A1_MAC = "fa:16:3e:00:00:a1";
  static final String PAIR_MAC = "fa:16:3e:00:00:99";
  static final String A2_PAIR_MAC = "fa:16:3e:00:00:98";
  static final NetworkPlan NET = new NetworkPlan("net-a", 0x1000, true, List.of(
      new RemotePort("a2", "fa:16:3e:00:00:a2", List.of("10.0.0.4"), "172.31.99.2", List.of(new AddressPair("10.0.0.200", A2_PAIR_MAC)))));
  static final DatapathView HV1 = new DatapathView("0000000000000001", "172.31.99.1", 1, List.of(
      new LocalPort("a1", "net-a", 2, A1_MAC, List.of("10.0.0.3"), true, List.of(new AddressPair("10.0.0.100", null), new AddressPair("10.0.0.96/28", PAIR_MAC)))),
      List.of(NET));

  final PipelineTracer hv1 = new PipelineTracer(FlowCompiler.compile(HV1), 1);

  @Test
  void aPairExtendsWhatThePortMaySendAndNothingMore() {
    assertEquals(1, send(2, ipv4(A1_MAC, "fa:16:3e:00:00:a2", "10.0.0.100", "10.0.0.4")).tunnelled().size(), "the VIP from the port's own MAC");
    assertEquals(1, send(2, ipv4(PAIR_MAC, "fa:16:3e:00:00:a2", "10.0.0.97", "10.0.0.4")).tunnelled().size(), "the CIDR from the pair's MAC");
    assertTrue(send(2, ipv4(A1_MAC, "fa:16:3e:00:00:a2", "10.0.0.97", "10.0.0.4")).exits().isEmpty(), "the CIDR needs the pair's MAC");
    assertTrue(send(2, ipv4(A1_MAC, "fa:16:3e:00:00:a2", "10.0.0.120", "10.0.0.4")).exits().isEmpty(), "outside every pair");
    PipelineTrace garp = send(2, arpRequest(A1_MAC, "10.0.0.100", "10.0.0.100"));
    assertTrue(garp.exits().size() > 0, "the gratuitous ARP for the VIP is flooded: " + garp);
  }

  @Test
  void framesToAPairsMacReachItsPortHereOrThroughTheTunnel() {
    Map<MatchField, String> toPairMac = withTunnel(ipv4("fa:16:3e:00:00:a2", PAIR_MAC, "10.0.0.4", "10.0.0.97"), "0x1000");
    assertEquals(List.of(2L), send(1, toPairMac).ports());
    PipelineTrace toRemotePair = send(2, ipv4(A1_MAC, A2_PAIR_MAC, "10.0.0.3", "10.0.0.200"));
    assertEquals("172.31.99.2", toRemotePair.tunnelled().get(0).tunnelDst());
  }

  @Test
  void nobodyAnswersArpForAVipButItsHolder() {
    PipelineTrace arp = send(2, arpRequest(A1_MAC, "10.0.0.3", "10.0.0.200"));
    assertTrue(arp.ports().stream().noneMatch(port -> port == 2L), "answered locally for a VIP whose holder the controller cannot know: " + arp);
  }

  private PipelineTrace send(long inPort, Map<MatchField, String> headers) {
    return hv1.trace(Packet.of(headers).with(MatchField.IN_PORT, Long.toString(inPort)));
  }
}
