package io.tenet.api.neutron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupRuleRequest;
import io.tenet.topology.model.SecurityGroupView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronSecurityGroupsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final SecurityGroupRule SSH = new SecurityGroupRule("r1", RuleDirection.INGRESS, "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, "ssh");

  static NeutronBody body(String resource, String json, java.util.Set<String> allowed) throws Exception {
    return NeutronBody.of(JSON.readTree(json), resource, allowed);
  }

  @Test
  void aGroupMadeThroughNeutronStartsWithNeutronsEgressRules() throws Exception {
    SecurityGroupRequest request = NeutronSecurityGroups.createGroup(body("security_group", "{\"security_group\": {\"name\": \"web\", \"description\": \"d\"}}",
        NeutronSecurityGroups.groupCreateAttributes()), "g1");
    assertEquals("web", request.name());
    assertEquals(List.of("egress IPv4", "egress IPv6"), request.rules().stream().map(r -> r.direction() + " " + r.ethertype()).toList());
    assertThrows(NeutronRefused.class, () -> NeutronSecurityGroups.createGroup(body("security_group", "{\"security_group\": {\"stateful\": false}}",
        NeutronSecurityGroups.groupCreateAttributes()), "g2"));
  }

  @Test
  void aRuleTakesProtocolsAsNamesOrNumbersAndDefaultsToIpv4() throws Exception {
    SecurityGroupRuleRequest rule = NeutronSecurityGroups.createRule(body("security_group_rule", """
        {"security_group_rule": {"security_group_id": "g1", "direction": "ingress", "protocol": "TCP", "port_range_min": "80", "port_range_max": 80,
                                 "remote_group_id": "g2"}}""", NeutronSecurityGroups.ruleCreateAttributes()), "r9");
    assertEquals(new SecurityGroupRuleRequest("r9", "ingress", "IPv4", "tcp", 80, 80, null, "g2", null), rule);
    SecurityGroupRuleRequest numbered = NeutronSecurityGroups.createRule(body("security_group_rule",
        "{\"security_group_rule\": {\"security_group_id\": \"g1\", \"direction\": \"egress\", \"protocol\": 17}}", NeutronSecurityGroups.ruleCreateAttributes()), "r8");
    assertEquals("17", numbered.protocol());
    assertThrows(NeutronRefused.class, () -> NeutronSecurityGroups.createRule(body("security_group_rule",
        "{\"security_group_rule\": {\"security_group_id\": \"g1\"}}", NeutronSecurityGroups.ruleCreateAttributes()), "r7"));
  }

  @Test
  void aStoredRuleWritesBackAsItIsAndShowsWithItsGroup() {
    assertEquals(new SecurityGroupRuleRequest("r1", "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, "ssh"), NeutronSecurityGroups.requestOf(SSH));
    SecurityGroupView group = new SecurityGroupView("g1", "t1", "web", "", List.of(SSH), Instant.EPOCH, Instant.EPOCH, 4, List.of());
    JsonNode view = NeutronSecurityGroups.groupView(group);
    assertEquals("g1", view.at("/security_group_rules/0/security_group_id").asText());
    assertEquals("ingress", view.at("/security_group_rules/0/direction").asText());
    assertEquals(22, view.at("/security_group_rules/0/port_range_max").asInt());
    assertEquals("port_range_min", NeutronSecurityGroups.neutronField("rules[2].port_range_min"));
    assertNull(NeutronSecurityGroups.neutronField("rules"));
  }
}
