package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.SecurityGroupPatch;
import io.tenet.topology.model.SecurityGroupRequest;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupRuleRequest;
import io.tenet.topology.model.SecurityGroupView;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tenet's security groups and their rules as Neutron's, both ways (pure). Tenet keeps a group's
 * rules inside the group; Neutron's rules are resources of their own naming their group. A group
 * made through Neutron starts, as in Neutron, with two rules allowing all egress (IPv4, IPv6).
 * Groups are stateful; there are no address groups.
 */
final class NeutronSecurityGroups {
  private static final Set<String> GROUP_WRITABLE = Set.of("name", "description");
  private static final Set<String> GROUP_CREATE = NeutronBody.names(GROUP_WRITABLE, Set.of("tenant_id", "project_id", "stateful"));
  private static final Set<String> RULE_CREATE = Set.of("security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
      "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "description", "tenant_id", "project_id");

  private NeutronSecurityGroups() {}

  static Set<String> groupCreateAttributes() {
    return GROUP_CREATE;
  }

  static Set<String> groupUpdateAttributes() {
    return GROUP_WRITABLE;
  }

  static Set<String> ruleCreateAttributes() {
    return RULE_CREATE;
  }

  /** A group's create as Tenet's request for group {@code id}, with Neutron's two egress rules. */
  static SecurityGroupRequest createGroup(NeutronBody group, String id) {
    if (Boolean.FALSE.equals(group.bool("stateful"))) throw NeutronBody.invalid("stateful", "Tenet's security groups are stateful");
    List<SecurityGroupRuleRequest> egress = List.of(
        new SecurityGroupRuleRequest(null, "egress", "IPv4", null, null, null, null, null, null),
        new SecurityGroupRuleRequest(null, "egress", "IPv6", null, null, null, null, null, null));
    return new SecurityGroupRequest(id, group.project(), group.string("name"), group.string("description"), egress);
  }

  static SecurityGroupPatch updateGroup(NeutronBody group) {
    return new SecurityGroupPatch(group.string("name"), group.string("description"), null);
  }

  /** The group a rule's create names. */
  static String groupOf(NeutronBody rule) {
    String groupId = rule.string("security_group_id");
    if (groupId == null) throw NeutronBody.invalid("security_group_id", "a rule needs the security group it belongs to");
    return groupId;
  }

  /** A rule's create as Tenet's request for rule {@code id}; Tenet validates the values. */
  static SecurityGroupRuleRequest createRule(NeutronBody rule, String id) {
    if (rule.string("remote_address_group_id") != null) throw NeutronBody.invalid("remote_address_group_id", "Tenet has no address groups");
    String direction = rule.string("direction");
    if (direction == null) throw NeutronBody.invalid("direction", "a rule is for ingress or egress");
    String ethertype = rule.string("ethertype");
    String protocol = rule.has("protocol") && rule.raw("protocol").isNumber() ? rule.raw("protocol").asText() : rule.string("protocol");
    return new SecurityGroupRuleRequest(id, direction, ethertype == null ? "IPv4" : ethertype, protocol == null ? null : protocol.toLowerCase(Locale.ROOT),
        rule.integer("port_range_min"), rule.integer("port_range_max"), rule.string("remote_ip_prefix"), rule.string("remote_group_id"),
        rule.string("description"));
  }

  /** A stored rule as the request that keeps it as it is (to write a group's rules back). */
  static SecurityGroupRuleRequest requestOf(SecurityGroupRule rule) {
    return new SecurityGroupRuleRequest(rule.id(), rule.direction().name().toLowerCase(Locale.ROOT), rule.ethertype(), rule.protocol(), rule.portRangeMin(),
        rule.portRangeMax(), rule.remoteIpPrefix(), rule.remoteGroupId(), rule.description());
  }

  static ObjectNode groupView(SecurityGroupView group) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", group.id());
    json.put("name", group.name() == null ? "" : group.name());
    json.put("description", group.description() == null ? "" : group.description());
    json.put("tenant_id", group.tenantId());
    json.put("project_id", group.tenantId());
    ArrayNode rules = json.putArray("security_group_rules");
    group.rules().forEach(rule -> rules.add(ruleView(rule, group)));
    json.put("stateful", true);
    json.put("shared", false);
    NeutronValues.putTags(json, group.tags());
    json.put("created_at", NeutronNetworks.time(group.createdAt()));
    json.put("updated_at", NeutronNetworks.time(group.updatedAt()));
    json.put("revision_number", group.revision());
    return json;
  }

  static ObjectNode ruleView(SecurityGroupRule rule, SecurityGroupView group) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", rule.id());
    json.put("security_group_id", group.id());
    json.put("tenant_id", group.tenantId());
    json.put("project_id", group.tenantId());
    json.put("direction", rule.direction().name().toLowerCase(Locale.ROOT));
    json.put("ethertype", rule.ethertype());
    json.put("protocol", rule.protocol());
    if (rule.portRangeMin() == null) json.putNull("port_range_min");
    else json.put("port_range_min", rule.portRangeMin());
    if (rule.portRangeMax() == null) json.putNull("port_range_max");
    else json.put("port_range_max", rule.portRangeMax());
    json.put("remote_ip_prefix", rule.remoteIpPrefix());
    json.put("remote_group_id", rule.remoteGroupId());
    json.putNull("remote_address_group_id");
    json.put("description", rule.description() == null ? "" : rule.description());
    json.putArray("tags");
    json.put("created_at", NeutronNetworks.time(group.createdAt()));
    json.put("updated_at", NeutronNetworks.time(group.updatedAt()));
    json.put("revision_number", group.revision());
    return json;
  }

  /** Tenet names a rule's attributes inside its group ({@code rules[3].port_range_min}); Neutron the rule's own. */
  static String neutronField(String tenetField) {
    if (tenetField == null) return null;
    String field = tenetField.replaceFirst("^rules\\[\\d+\\]\\.?", "");
    return field.isEmpty() || field.equals("rules") ? null : field;
  }
}
