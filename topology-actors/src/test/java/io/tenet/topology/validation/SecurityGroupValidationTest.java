package io.tenet.topology.validation;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupRuleRequest;
import io.tenet.topology.model.SecurityGroupSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityGroupValidationTest {
  private static final String GROUP = "sg-1";

  private static SecurityGroupRuleRequest rule(String direction, String ethertype, String protocol, Integer min, Integer max, String prefix, String remoteGroup) {
    return new SecurityGroupRuleRequest(null, direction, ethertype, protocol, min, max, prefix, remoteGroup, null);
  }

  private static SecurityGroupRuleRequest ingress(String protocol, Integer min, Integer max) {
    return rule("ingress", null, protocol, min, max, null, null);
  }

  private static Outcome<SecurityGroupSpec> validate(SecurityGroupRuleRequest... rules) {
    return SecurityGroupValidation.validate(GROUP, "web", "web servers", Arrays.asList(rules));
  }

  private static SecurityGroupRule only(Outcome<SecurityGroupSpec> outcome) {
    List<SecurityGroupRule> rules = ok(outcome).rules();
    assertEquals(1, rules.size());
    return rules.get(0);
  }

  @ParameterizedTest
  @CsvSource({"tcp,tcp", "TCP,tcp", "Udp,udp", "6,tcp", "17,udp", "1,icmp", "58,icmpv6", "132,sctp", "icmpv6,icmpv6", "SCTP,sctp", "47,47", "0,0", "255,255"})
  void protocolsAreNormalized(String given, String expected) {
    assertEquals(expected, only(validate(ingress(given, null, null))).protocol());
  }

  @Test
  void anyProtocolIsNull() {
    assertNull(only(validate(ingress(null, null, null))).protocol());
    assertNull(only(validate(ingress("any", null, null))).protocol());
    assertNull(only(validate(ingress("ANY", null, null))).protocol());
  }

  @ParameterizedTest
  @ValueSource(strings = {"256", "999", "1000", "gre", "tcp6", "-1", ""})
  void unknownProtocolsAreRefused(String protocol) {
    rejected(validate(ingress(protocol, null, null)), ProblemCode.INVALID_VALUE, "rules[0].protocol");
  }

  @Test
  void directionAndEthertype() {
    SecurityGroupRule rule = only(validate(rule("EGRESS", "ipv6", null, null, null, null, null)));
    assertEquals(RuleDirection.EGRESS, rule.direction());
    assertEquals("IPv6", rule.ethertype());
    assertEquals("IPv4", only(validate(ingress(null, null, null))).ethertype());
    rejected(validate(rule(null, null, null, null, null, null, null)), ProblemCode.INVALID_VALUE, "rules[0].direction");
    rejected(validate(rule("inbound", null, null, null, null, null, null)), ProblemCode.INVALID_VALUE, "rules[0].direction");
    rejected(validate(rule("ingress", "IPX", null, null, null, null, null)), ProblemCode.INVALID_VALUE, "rules[0].ethertype");
  }

  @Test
  void portRanges() {
    SecurityGroupRule single = only(validate(ingress("tcp", 22, null)));
    assertEquals(22, single.portRangeMin());
    assertEquals(22, single.portRangeMax());
    SecurityGroupRule range = only(validate(ingress("udp", 1, 65535)));
    assertEquals(1, range.portRangeMin());
    assertEquals(65535, range.portRangeMax());
    rejected(validate(ingress("tcp", 0, 10)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress("tcp", 10, 65536)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress("tcp", 100, 99)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress("tcp", null, 80)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress(null, 80, 80)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress("47", 80, 80)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
  }

  @Test
  void icmpTypeAndCode() {
    SecurityGroupRule echo = only(validate(ingress("icmp", 8, 0)));
    assertEquals(8, echo.portRangeMin());
    assertEquals(0, echo.portRangeMax());
    SecurityGroupRule typeOnly = only(validate(ingress("icmp", 3, null)));
    assertEquals(3, typeOnly.portRangeMin());
    assertNull(typeOnly.portRangeMax());
    assertEquals(255, only(validate(ingress("icmpv6", 255, 255))).portRangeMax());
    rejected(validate(ingress("icmp", 256, null)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress("icmp", -1, null)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
    rejected(validate(ingress("icmp", 8, 256)), ProblemCode.INVALID_VALUE, "rules[0].port_range_max");
    rejected(validate(ingress("icmp", null, 0)), ProblemCode.INVALID_VALUE, "rules[0].port_range_min");
  }

  @Test
  void remotePrefixOrGroupNotBoth() {
    SecurityGroupRule fromNet = only(validate(rule("ingress", "IPv4", "tcp", 80, 80, "192.168.0.0/16", null)));
    assertEquals("192.168.0.0/16", fromNet.remoteIpPrefix());
    SecurityGroupRule fromGroup = only(validate(rule("ingress", "IPv4", "tcp", 80, 80, null, "sg-2")));
    assertEquals("sg-2", fromGroup.remoteGroupId());
    rejected(validate(rule("ingress", "IPv4", "tcp", 80, 80, "192.168.0.0/16", "sg-2")), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv4", null, null, null, "192.168.0.1/16", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv4", null, null, null, "2001:db8::/32", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv4", null, null, null, null, "sg 2")), ProblemCode.INVALID_VALUE, "rules[0].remote_group_id");
  }

  @Test
  void ipv6Prefixes() {
    String prefix = only(validate(rule("ingress", "IPv6", null, null, null, "2001:db8::/32", null))).remoteIpPrefix();
    assertTrue(prefix.endsWith("/32"), prefix);
    assertTrue(prefix.startsWith("2001:db8:"), prefix);
    assertTrue(only(validate(rule("ingress", "IPv6", null, null, null, "::1", null))).remoteIpPrefix().endsWith("/128"));
    assertTrue(only(validate(rule("ingress", "IPv6", null, null, null, "::/0", null))).remoteIpPrefix().endsWith("/0"));
    rejected(validate(rule("ingress", "IPv6", null, null, null, "10.0.0.0/8", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv6", null, null, null, "2001:db8::/129", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv6", null, null, null, "2001:db8::/x", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv6", null, null, null, "2001:db8:::1/64", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
    rejected(validate(rule("ingress", "IPv6", null, null, null, "2001:db8::/-1", null)), ProblemCode.INVALID_VALUE, "rules[0].remote_ip_prefix");
  }

  @Test
  void duplicateRulesAreRefusedAfterNormalization() {
    rejected(validate(ingress("tcp", 80, 80), ingress("tcp", 80, 80)), ProblemCode.ALREADY_EXISTS, "rules[1]");
    rejected(validate(ingress("tcp", 80, null), ingress("6", 80, 80)), ProblemCode.ALREADY_EXISTS, "rules[1]");
    rejected(validate(rule("Ingress", "ipv4", "TCP", 80, 80, null, null), rule("ingress", null, "tcp", 80, 80, null, null)), ProblemCode.ALREADY_EXISTS, "rules[1]");
    rejected(validate(ingress(null, null, null), ingress("any", null, null)), ProblemCode.ALREADY_EXISTS, "rules[1]");
    assertEquals(2, ok(validate(ingress("tcp", 80, 80), ingress("tcp", 443, 443))).rules().size());
    assertEquals(2, ok(validate(ingress("tcp", 80, 80), rule("egress", null, "tcp", 80, 80, null, null))).rules().size());
  }

  @Test
  void ruleIdsAreStableAndDistinct() {
    SecurityGroupRule a = only(validate(ingress("tcp", 80, 80)));
    assertEquals(a.id(), only(validate(ingress("TCP", 80, null))).id());
    assertNotEquals(a.id(), only(SecurityGroupValidation.validate("sg-other", "web", "", List.of(ingress("tcp", 80, 80)))).id());
    assertEquals("r-1", only(validate(new SecurityGroupRuleRequest("r-1", "ingress", null, null, null, null, null, null, null))).id());
    SecurityGroupRuleRequest first = new SecurityGroupRuleRequest("r-1", "ingress", null, "tcp", 80, 80, null, null, null);
    SecurityGroupRuleRequest second = new SecurityGroupRuleRequest("r-1", "ingress", null, "tcp", 81, 81, null, null, null);
    rejected(validate(first, second), ProblemCode.INVALID_VALUE, "rules[1].id");
  }

  @Test
  void ruleLimitAndNulls() {
    List<SecurityGroupRuleRequest> many = new java.util.ArrayList<>();
    for (int port = 1; port <= SecurityGroupValidation.MAX_RULES + 1; port++) many.add(ingress("tcp", port, port));
    rejected(SecurityGroupValidation.validate(GROUP, "x", "", many), ProblemCode.INVALID_VALUE, "rules");
    assertEquals(SecurityGroupValidation.MAX_RULES, ok(SecurityGroupValidation.validate(GROUP, "x", "", many.subList(0, SecurityGroupValidation.MAX_RULES))).rules().size());
    rejected(SecurityGroupValidation.validate(GROUP, "x", "", Collections.singletonList(null)), ProblemCode.INVALID_VALUE, "rules[0]");
    SecurityGroupSpec empty = ok(SecurityGroupValidation.validate(GROUP, null, null, null));
    assertEquals("", empty.name());
    assertEquals("", empty.description());
    assertEquals(List.of(), empty.rules());
  }

  @Test
  void defaultGroupAllowsEgressAndIngressFromItsMembers() {
    SecurityGroupSpec spec = SecurityGroupValidation.defaultGroup("sg-default");
    assertEquals("default", spec.name());
    assertEquals(4, spec.rules().size());
    List<SecurityGroupRule> egress = spec.rules().stream().filter(r -> r.direction() == RuleDirection.EGRESS).toList();
    List<SecurityGroupRule> ingress = spec.rules().stream().filter(r -> r.direction() == RuleDirection.INGRESS).toList();
    assertEquals(List.of("IPv4", "IPv6"), egress.stream().map(SecurityGroupRule::ethertype).toList());
    assertEquals(List.of("IPv4", "IPv6"), ingress.stream().map(SecurityGroupRule::ethertype).toList());
    egress.forEach(r -> {
      assertNull(r.remoteGroupId());
      assertNull(r.remoteIpPrefix());
      assertNull(r.protocol());
    });
    ingress.forEach(r -> {
      assertEquals("sg-default", r.remoteGroupId());
      assertNull(r.remoteIpPrefix());
      assertNull(r.protocol());
    });
    assertEquals(4, spec.rules().stream().map(SecurityGroupRule::id).distinct().count());
    assertEquals(spec, SecurityGroupValidation.defaultGroup("sg-default"));
  }
}
