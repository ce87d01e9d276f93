package io.tenet.switches.compile;

import static io.tenet.switches.compile.FlowCompilerTest.arpRequest;
import static io.tenet.switches.compile.FlowCompilerTest.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.MatchField;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.PipelineTrace;
import io.tenet.switches.trace.PipelineTracer;
import io.tenet.switches.trace.TraceExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Network A (VNI 0x1000: a1 on hv1, a2 on hv2) is bridged to VLAN 200 of physnet1 by a layer-2
 * gateway on hvgw (active) and hvgw2 (standby), the copies meant for the VLAN carrying bridge VNI
 * 0x1200; br-int reaches the physical network through patch port 5. The traces walk frames both
 * ways, and show the two properties that keep a VLAN whole: only the active host passes frames,
 * and what came from the VLAN never goes back to it or to another gateway host.
 */
public class BridgeFlowsTest {
  static final long TUNNEL = 1;
  static final long PATCH = 5;
  static final long PEER_HVGW = 7;
  static final String HV1 = "172.31.99.1";
  static final String HV2 = "172.31.99.2";
  static final String HVGW = "172.31.99.9";
  static final String HVGW2 = "172.31.99.10";
  static final String A1_MAC = "fa:16:3e:00:00:a1";
  static final String A2_MAC = "fa:16:3e:00:00:a2";
  static final String HOST_MAC = "02:00:00:0e:02:00";
  static final String VLAN_200 = "0x10c8";
  static final int VNI = 0x1000;
  static final String BRIDGE_VNI = "0x1200";

  static final RemotePort A1 = new RemotePort("a1", A1_MAC, List.of("10.0.0.3"), HV1);
  static final RemotePort A2 = new RemotePort("a2", A2_MAC, List.of("10.0.0.4"), HV2);

  static final DatapathView HV1_VIEW = new DatapathView("0000000000000001", HV1, TUNNEL,
      List.of(new LocalPort("a1", "net-a", 2, A1_MAC, List.of("10.0.0.3"), false)),
      List.of(new NetworkPlan("net-a", VNI, true, List.of(A2), new BridgePlan(0x1200, List.of(HVGW, HVGW2), null))));

  static DatapathView host(String encapIp, String other, List<GatewayHop> rankedBefore) {
    return new DatapathView("00000000000000a9", encapIp, TUNNEL, List.of(),
        List.of(new NetworkPlan("net-a", VNI, true, List.of(A1, A2), new BridgePlan(0x1200, List.of(other), new BridgeHostPlan(PATCH, 200, rankedBefore, true)))));
  }

  public static final DatapathView HVGW_VIEW = host(HVGW, HVGW2, List.of());
  static final DatapathView HVGW2_VIEW = host(HVGW2, HVGW, List.of(new GatewayHop.Peer(HVGW, PEER_HVGW)));

  @Test
  void goldenDumpOfALayer2GatewaysHost() throws IOException {
    Path golden = Path.of("src/test/resources/golden/hvgw-l2-gateway.flows");
    CompiledFlows compiled = FlowCompiler.compile(HVGW_VIEW);
    String dump = compiled.legend() + compiled.ofctl();
    if (Boolean.getBoolean("tenet.golden.write")) Files.writeString(golden, dump);
    assertEquals(Files.readString(golden), dump, "compiled flows changed; review the diff, then rewrite with -Dtenet.golden.write=true");
  }

  @Test
  void aVmsBroadcastReachesTheNetworkAndEveryGatewayHostWithTheBridgeVni() {
    PipelineTrace sent = trace(HV1_VIEW, Packet.of(arpRequest(A1_MAC, "10.0.0.3", "10.0.0.50")).with(MatchField.IN_PORT, "2"));
    assertEquals(Set.of("0x1000>" + HV2, BRIDGE_VNI + ">" + HVGW, BRIDGE_VNI + ">" + HVGW2), tunnelled(sent), sent.toString());
  }

  @Test
  void aVmsFrameToAMacNoFlowKnowsGoesOnlyToTheGatewayHosts() {
    PipelineTrace sent = trace(HV1_VIEW, Packet.of(ipv4(A1_MAC, HOST_MAC, "10.0.0.3", "10.0.0.50")).with(MatchField.IN_PORT, "2"));
    assertEquals(Set.of(BRIDGE_VNI + ">" + HVGW, BRIDGE_VNI + ">" + HVGW2), tunnelled(sent), sent.toString());
  }

  @Test
  void theActiveHostPutsACopyForTheVlanOnItTaggedAndTheStandbyDropsIt() {
    Packet copy = Packet.of(ipv4(A1_MAC, HOST_MAC, "10.0.0.3", "10.0.0.50")).with(MatchField.IN_PORT, Long.toString(TUNNEL)).with(MatchField.TUN_ID, BRIDGE_VNI);
    PipelineTrace active = trace(HVGW_VIEW, copy);
    assertEquals(List.of(PATCH), active.ports(), active.toString());
    assertEquals(VLAN_200, ((TraceExit.ToPort) active.exits().get(0)).packet().get(MatchField.VLAN_VID), active.toString());
    PipelineTrace standby = trace(HVGW2_VIEW, copy);
    assertTrue(standby.exits().isEmpty(), "the trace takes hvgw as alive: the standby's gate drops it\n" + standby);
  }

  @Test
  void theVlansBroadcastReachesTheVmsButNeverTheVlanOrAnotherGatewayHost() {
    Packet arp = Packet.of(arpRequest(HOST_MAC, "10.0.0.50", "10.0.0.3")).with(MatchField.IN_PORT, Long.toString(PATCH)).with(MatchField.VLAN_VID, VLAN_200);
    PipelineTrace in = trace(HVGW_VIEW, arp);
    assertEquals(Set.of("0x1000>" + HV1, "0x1000>" + HV2), tunnelled(in), in.toString());
    assertTrue(in.exits().stream().noneMatch(exit -> exit instanceof TraceExit.ToPort port && port.ofport() == PATCH), in.toString());
    assertTrue(trace(HVGW2_VIEW, arp).exits().isEmpty(), "the standby lets nothing in");
  }

  @Test
  void theVlansUnicastReachesItsVmAndAnUnknownMacNowhere() {
    Packet toA1 = Packet.of(ipv4(HOST_MAC, A1_MAC, "10.0.0.50", "10.0.0.3")).with(MatchField.IN_PORT, Long.toString(PATCH)).with(MatchField.VLAN_VID, VLAN_200);
    assertEquals(Set.of("0x1000>" + HV1), tunnelled(trace(HVGW_VIEW, toA1)));
    Packet unknown = Packet.of(ipv4(HOST_MAC, "02:00:00:0e:02:99", "10.0.0.50", "10.0.0.99")).with(MatchField.IN_PORT, Long.toString(PATCH))
        .with(MatchField.VLAN_VID, VLAN_200);
    PipelineTrace dropped = trace(HVGW_VIEW, unknown);
    assertTrue(dropped.exits().isEmpty(), dropped.toString());
  }

  @Test
  void theVlansDhcpRequestGoesToTheController() {
    Map<MatchField, String> discover = ipv4(HOST_MAC, "ff:ff:ff:ff:ff:ff", "0.0.0.0", "255.255.255.255");
    discover.put(MatchField.IP_PROTO, "17");
    discover.put(MatchField.UDP_SRC, "68");
    discover.put(MatchField.UDP_DST, "67");
    PipelineTrace in = trace(HVGW_VIEW, Packet.of(discover).with(MatchField.IN_PORT, Long.toString(PATCH)).with(MatchField.VLAN_VID, VLAN_200));
    assertTrue(in.exits().stream().anyMatch(TraceExit.ToController.class::isInstance), in.toString());
  }

  private static PipelineTrace trace(DatapathView view, Packet packet) {
    return new PipelineTracer(FlowCompiler.compile(view), TUNNEL).trace(packet);
  }

  /** The tunnelled copies as "tun_id>endpoint". */
  private static Set<String> tunnelled(PipelineTrace trace) {
    return trace.exits().stream().filter(TraceExit.IntoTunnel.class::isInstance).map(TraceExit.IntoTunnel.class::cast)
        .map(exit -> exit.tunId() + ">" + exit.tunnelDst()).collect(Collectors.toSet());
  }
}
