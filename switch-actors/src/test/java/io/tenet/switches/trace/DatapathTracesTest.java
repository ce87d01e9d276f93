package io.tenet.switches.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.topology.dataplane.TraceHop;
import io.tenet.topology.dataplane.TraceOutput;
import io.tenet.topology.dataplane.TraceProtocol;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.dataplane.TraceVerdict;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Network "net" (VNI 0x1000, 10.0.0.0/24): a1 and a2 on hv1, a3 on hv2. Traces from a1 as the API
 * would ask for them, then the tunnelled copy on hv2, reading verdicts and the rules behind them.
 */
class DatapathTracesTest {
  static final String HV1 = "172.31.99.1";
  static final String HV2 = "172.31.99.2";
  static final PortBinding ON_HV1 = new PortBinding("0000000000000001", "hv1", HV1, 2);
  static final NetworkDataplane NET = new NetworkDataplane("net", 4096, 1450,
      List.of(new Subnet("s", "s", "10.0.0.0/24", "10.0.0.1", List.of(), true, "10.0.0.2", List.of(), List.of())),
      List.of(new DataplaneMember("a1", "fa:16:3e:00:00:a1", List.of("10.0.0.3"), true, ON_HV1),
          new DataplaneMember("a2", "fa:16:3e:00:00:a2", List.of("10.0.0.4"), false, new PortBinding("0000000000000001", "hv1", HV1, 3)),
          new DataplaneMember("a3", "fa:16:3e:00:00:a3", List.of("10.0.0.5"), true, new PortBinding("0000000000000002", "hv2", HV2, 2))), 7);
  static final DatapathView HV1_VIEW = new DatapathView("0000000000000001", HV1, 1, List.of(
      new LocalPort("a1", "net", 2, "fa:16:3e:00:00:a1", List.of("10.0.0.3"), true),
      new LocalPort("a2", "net", 3, "fa:16:3e:00:00:a2", List.of("10.0.0.4"), false)),
      List.of(new NetworkPlan("net", 4096, true, List.of(new RemotePort("a3", "fa:16:3e:00:00:a3", List.of("10.0.0.5"), HV2)))));
  static final DatapathView HV2_VIEW = new DatapathView("0000000000000002", HV2, 1, List.of(
      new LocalPort("a3", "net", 2, "fa:16:3e:00:00:a3", List.of("10.0.0.5"), true)),
      List.of(new NetworkPlan("net", 4096, true, List.of(
          new RemotePort("a1", "fa:16:3e:00:00:a1", List.of("10.0.0.3"), HV1), new RemotePort("a2", "fa:16:3e:00:00:a2", List.of("10.0.0.4"), HV1)))));

  static TraceRequest from(String mac, String ip, String dstIp, TraceProtocol protocol, Integer dport) {
    return new TraceRequest("a1", "0000000000000001", 2, "net", mac, ip, dstIp, null, protocol, protocol.hasPorts() ? 40000 : null, dport);
  }

  static TraceAnswer.Traced trace(TraceRequest request) {
    return assertInstanceOf(TraceAnswer.Traced.class, DatapathTraces.fromPort("hv1", HV1_VIEW, Map.of("net", NET), request));
  }

  @Test
  void sameHostDeliveryNamesThePortAndEveryRuleOnTheWay() {
    TraceAnswer.Traced traced = trace(from("fa:16:3e:00:00:a1", "10.0.0.3", "10.0.0.4", TraceProtocol.TCP, 80));
    TraceHop hop = traced.hop();
    assertEquals(TraceVerdict.Kind.DELIVERED, hop.verdict().kind());
    assertEquals(List.of(new TraceOutput(TraceOutput.Kind.PORT, 3, "a2", null, null)), hop.verdict().outputs());
    assertEquals(List.of(0, 10, 20, 30, 40, 50, 60, 70), hop.steps().stream().map(s -> s.table()).toList());
    assertEquals("port", hop.steps().get(1).owner());
    assertEquals("a1", hop.steps().get(1).ownerId(), "port security is a1's rule");
    assertEquals("pipeline", hop.steps().get(2).owner(), "egress_acl passes by its miss");
    assertEquals("a2", hop.steps().get(7).ownerId(), "the output rule belongs to the destination");
    assertEquals("in_port=2,dl_src=fa:16:3e:00:00:a1,dl_dst=fa:16:3e:00:00:a2,dl_type=0x0800,nw_src=10.0.0.3,nw_dst=10.0.0.4,nw_proto=6,tcp_src=40000,tcp_dst=80",
        hop.flow());
    assertTrue(traced.tunnelled().isEmpty());
  }

  @Test
  void crossHostGoesIntoTheTunnelAndIsDeliveredOnTheOtherSide() {
    TraceAnswer.Traced first = trace(from("fa:16:3e:00:00:a1", "10.0.0.3", "10.0.0.5", TraceProtocol.ICMP, null));
    assertEquals(TraceVerdict.Kind.TUNNEL, first.hop().verdict().kind());
    assertEquals(List.of(new TraceOutput(TraceOutput.Kind.TUNNEL, 1, null, HV2, "0x1000")), first.hop().verdict().outputs());
    TraceAnswer.Traced second = assertInstanceOf(TraceAnswer.Traced.class, DatapathTraces.fromTunnel("hv2", HV2_VIEW, first.tunnelled().get(0)));
    assertEquals("tunnel", second.hop().ingress());
    assertTrue(second.hop().flow().startsWith("in_port=1,tun_id=0x1000,tun_dst=172.31.99.2,"), second.hop().flow());
    assertEquals(List.of(new TraceOutput(TraceOutput.Kind.PORT, 2, "a3", null, null)), second.hop().verdict().outputs());
  }

  @Test
  void aSpoofedSourceIsDroppedByPortSecuritysMiss() {
    TraceVerdict verdict = trace(from("fa:16:3e:00:00:a1", "10.0.0.99", "10.0.0.4", TraceProtocol.ICMP, null)).hop().verdict();
    assertEquals(TraceVerdict.Kind.DROPPED, verdict.kind());
    assertTrue(verdict.reason().contains("table 10 (port_sec"), verdict.reason());
  }

  @Test
  void arpForAKnownAddressIsAnsweredAndForAnUnknownOneFlooded() {
    TraceVerdict answered = trace(from("fa:16:3e:00:00:a1", "10.0.0.3", "10.0.0.5", TraceProtocol.ARP, null)).hop().verdict();
    assertEquals(TraceVerdict.Kind.DELIVERED, answered.kind());
    assertTrue(answered.reason().startsWith("answered by the switch"), answered.reason());
    TraceAnswer.Traced unknown = trace(from("fa:16:3e:00:00:a1", "10.0.0.77", "10.0.0.77", TraceProtocol.ICMP, null));
    assertEquals(TraceVerdict.Kind.DROPPED, unknown.hop().verdict().kind(), "a1 does not own 10.0.0.77");
    TraceAnswer.Traced flooded = trace(from("fa:16:3e:00:00:a1", "10.0.0.3", "10.0.0.77", TraceProtocol.ICMP, null));
    assertTrue(flooded.hop().flow().contains("arp_op=1"), "no MAC for 10.0.0.77: the VM's ARP request is traced");
    assertEquals(TraceVerdict.Kind.FLOODED, flooded.hop().verdict().kind());
    assertEquals(1, flooded.tunnelled().size(), "one copy to hv2, the other to a2");
  }

  @Test
  void dhcpGoesToTheController() {
    TraceVerdict verdict = trace(new TraceRequest("a1", "0000000000000001", 2, "net", "fa:16:3e:00:00:a1", "10.0.0.3", "255.255.255.255", null,
        TraceProtocol.UDP, 68, 67)).hop().verdict();
    assertEquals(TraceVerdict.Kind.CONTROLLER, verdict.kind());
    assertTrue(verdict.reason().contains("network net in table 30 (arp_dhcp)"), verdict.reason());
  }

  @Test
  void aDatapathThatHasNotReportedCannotTrace() {
    assertInstanceOf(TraceAnswer.CannotTrace.class, DatapathTraces.fromPort("hv1", null, Map.of(), from("m", "10.0.0.3", "10.0.0.4", TraceProtocol.ICMP, null)));
  }
}
