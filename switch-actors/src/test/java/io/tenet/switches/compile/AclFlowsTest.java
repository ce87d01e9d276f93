package io.tenet.switches.compile;

import static io.tenet.switches.compile.FlowCompilerTest.ipv4;
import static io.tenet.switches.compile.FlowCompilerTest.withTunnel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.PipelineTrace;
import io.tenet.switches.trace.PipelineTracer;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * hv1 hosts web1 (group web: ingress TCP 8000-8080 from anywhere, ingress ICMP echo from group
 * admin, egress anything) and a client c1 in group client (egress anything, no ingress). admin's
 * members are a2 (10.0.0.4, on hv2) and the CIDR pair 10.0.9.0/28 of another port. The tracer
 * walks the first packet of each connection, as ofproto/trace does after ct().
 */
class AclFlowsTest {
  static final String WEB1_MAC = "fa:16:3e:00:00:e1";
  static final String C1_MAC = "fa:16:3e:00:00:c1";
  static final String A2_MAC = "fa:16:3e:00:00:a2";
  static final SecurityGroupRule ANY_OUT = new SecurityGroupRule("out", RuleDirection.EGRESS, "IPv4", null, null, null, null, null, "");
  static final GroupPlan WEB = new GroupPlan("web", List.of(ANY_OUT,
      new SecurityGroupRule("http", RuleDirection.INGRESS, "IPv4", "tcp", 8000, 8080, "0.0.0.0/0", null, ""),
      new SecurityGroupRule("ping", RuleDirection.INGRESS, "IPv4", "icmp", 8, null, null, "admin", ""),
      new SecurityGroupRule("v6", RuleDirection.INGRESS, "IPv6", null, null, null, null, null, "")), List.of("10.0.0.5"));
  static final GroupPlan CLIENT = new GroupPlan("client", List.of(ANY_OUT), List.of("10.0.0.6"));
  static final GroupPlan ADMIN = new GroupPlan("admin", List.of(ANY_OUT), List.of("10.0.0.4", "10.0.9.0/28"));
  static final DatapathView HV1 = new DatapathView("0000000000000001", "172.31.99.1", 1, List.of(
      new LocalPort("web1", "net-a", 2, WEB1_MAC, List.of("10.0.0.5"), true, List.of(), List.of("web")),
      new LocalPort("c1", "net-a", 3, C1_MAC, List.of("10.0.0.6"), true, List.of(), List.of("client"))),
      List.of(new NetworkPlan("net-a", 0x1000, true, List.of(new RemotePort("a2", A2_MAC, List.of("10.0.0.4"), "172.31.99.2")))),
      List.of(), List.of(), Map.of("web", WEB, "client", CLIENT, "admin", ADMIN));

  final PipelineTracer hv1 = new PipelineTracer(FlowCompiler.compile(HV1), 1);

  @Test
  void goldenDumpOfHv1() throws IOException {
    Path golden = Path.of("src/test/resources/golden/hv1-security-groups.flows");
    CompiledFlows compiled = FlowCompiler.compile(HV1);
    String dump = compiled.legend() + compiled.ofctl();
    if (Boolean.getBoolean("tenet.golden.write")) Files.writeString(golden, dump);
    assertEquals(Files.readString(golden), dump, "compiled flows changed; review the diff, then rewrite with -Dtenet.golden.write=true");
  }

  @Test
  void aRuleAdmitsItsPortRangeAndNothingElse() {
    assertEquals(List.of(2L), send(3, tcp(C1_MAC, WEB1_MAC, "10.0.0.6", "10.0.0.5", 8080)).ports());
    assertEquals(List.of(2L), send(3, tcp(C1_MAC, WEB1_MAC, "10.0.0.6", "10.0.0.5", 8000)).ports());
    PipelineTrace refused = send(3, tcp(C1_MAC, WEB1_MAC, "10.0.0.6", "10.0.0.5", 22));
    assertTrue(refused.exits().isEmpty());
    assertEquals(Optional.of(Table.INGRESS_VERDICT), refused.droppedIn());
  }

  @Test
  void aRemoteGroupAdmitsItsMembersAddressesOnly() {
    assertEquals(List.of(2L), send(1, withTunnel(icmpEcho(A2_MAC, WEB1_MAC, "10.0.0.4", "10.0.0.5"), "0x1000")).ports(), "a2 is in admin");
    assertTrue(send(3, icmpEcho(C1_MAC, WEB1_MAC, "10.0.0.6", "10.0.0.5")).exits().isEmpty(), "c1 is not in admin");
  }

  @Test
  void aPortWithoutIngressRulesTakesNoNewConnectionButSendsAny() {
    assertTrue(send(2, tcp(WEB1_MAC, C1_MAC, "10.0.0.5", "10.0.0.6", 22)).exits().isEmpty(), "client has no ingress rule");
    assertEquals(List.of(2L), send(3, tcp(C1_MAC, WEB1_MAC, "10.0.0.6", "10.0.0.5", 8080)).ports(), "its egress passes");
  }

  @Test
  void dhcpRequestsBypassTheTracker() {
    Map<MatchField, String> discover = ipv4(C1_MAC, "ff:ff:ff:ff:ff:ff", "0.0.0.0", "255.255.255.255");
    discover.put(MatchField.IP_PROTO, "17");
    discover.put(MatchField.UDP_SRC, "68");
    discover.put(MatchField.UDP_DST, "67");
    assertTrue(send(3, discover).toController());
  }

  /**
   * A remote group costs flows in N + R, not N x R: web1's group holds R = 5 ingress rules naming
   * admin (TCP 22, 80, 443, UDP 53, ICMP echo), and admin has N members. The conjunction is one
   * flow for the port, one per member address, one per rule's protocol match and one acting on it.
   */
  @Test
  void aRemoteGroupCostsMembersPlusRulesFlows() {
    List<String> counts = new ArrayList<>();
    for (int members : new int[] {10, 100, 1000}) {
      CompiledFlows compiled = FlowCompiler.remoteGroups(List.of(WEB1), Map.of("web", webWithAdminRules(5), "admin", admin(members)));
      counts.add(members + ":" + compiled.flows().size());
    }
    assertEquals(List.of("10:17", "100:107", "1000:1007"), counts);
    int portFilter = FlowCompiler.portFilter(WEB1, Map.of("web", webWithAdminRules(5))).flows().size();
    assertEquals(19, portFilter, "the port's own flows do not grow with the remote group: 15 fixed, 1 egress rule, 3 blocks of 8000-8080");
  }

  /** A member joining changes one flow; a rule naming the group, added, one flow: not the N or R others. */
  @Test
  void aMembershipOrRuleChangeTouchesOnlyItsFlows() {
    Set<FlowEntry> before = FlowCompiler.remoteGroups(List.of(WEB1), Map.of("web", webWithAdminRules(5), "admin", admin(1000))).flows();
    Set<FlowEntry> joined = FlowCompiler.remoteGroups(List.of(WEB1), Map.of("web", webWithAdminRules(5), "admin", admin(1001))).flows();
    Set<FlowEntry> ruleAdded = FlowCompiler.remoteGroups(List.of(WEB1), Map.of("web", webWithAdminRules(6), "admin", admin(1000))).flows();
    assertEquals(1, difference(joined, before).size() + difference(before, joined).size(), "one member: one flow added");
    assertEquals(1, difference(ruleAdded, before).size() + difference(before, ruleAdded).size(), "one rule: one flow added");
  }

  private static final LocalPort WEB1 = HV1.localPorts().get(0);

  private static GroupPlan admin(int members) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < members; i++) addresses.add("10.1." + (i / 250) + "." + (i % 250 + 1));
    return new GroupPlan("admin", List.of(ANY_OUT), addresses);
  }

  /** web's own rules plus the first {@code count} of: TCP 22, 80, 443, UDP 53, ICMP echo, TCP 5432 from admin. */
  private static GroupPlan webWithAdminRules(int count) {
    List<SecurityGroupRule> rules = new ArrayList<>(WEB.rules().stream().filter(r -> r.remoteGroupId() == null).toList());
    List<SecurityGroupRule> fromAdmin = List.of(
        new SecurityGroupRule("ssh", RuleDirection.INGRESS, "IPv4", "tcp", 22, 22, null, "admin", ""),
        new SecurityGroupRule("http", RuleDirection.INGRESS, "IPv4", "tcp", 80, 80, null, "admin", ""),
        new SecurityGroupRule("https", RuleDirection.INGRESS, "IPv4", "tcp", 443, 443, null, "admin", ""),
        new SecurityGroupRule("dns", RuleDirection.INGRESS, "IPv4", "udp", 53, 53, null, "admin", ""),
        new SecurityGroupRule("echo", RuleDirection.INGRESS, "IPv4", "icmp", 8, null, null, "admin", ""),
        new SecurityGroupRule("pg", RuleDirection.INGRESS, "IPv4", "tcp", 5432, 5432, null, "admin", ""));
    rules.addAll(fromAdmin.subList(0, count));
    return new GroupPlan("web", rules, List.of("10.0.0.5"));
  }

  private static Set<FlowEntry> difference(Set<FlowEntry> a, Set<FlowEntry> b) {
    Set<FlowEntry> rest = new HashSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  private PipelineTrace send(long inPort, Map<MatchField, String> headers) {
    return hv1.trace(Packet.of(headers).with(MatchField.IN_PORT, Long.toString(inPort)));
  }

  private static Map<MatchField, String> tcp(String src, String dst, String ipSrc, String ipDst, int port) {
    Map<MatchField, String> packet = new EnumMap<>(ipv4(src, dst, ipSrc, ipDst));
    packet.put(MatchField.IP_PROTO, "6");
    packet.put(MatchField.UDP_SRC, "40000");
    packet.put(MatchField.UDP_DST, Integer.toString(port));
    return packet;
  }

  private static Map<MatchField, String> icmpEcho(String src, String dst, String ipSrc, String ipDst) {
    Map<MatchField, String> packet = new EnumMap<>(ipv4(src, dst, ipSrc, ipDst));
    packet.put(MatchField.IP_PROTO, "1");
    packet.put(MatchField.ICMP_TYPE, "8");
    packet.put(MatchField.ICMP_CODE, "0");
    return packet;
  }
}
