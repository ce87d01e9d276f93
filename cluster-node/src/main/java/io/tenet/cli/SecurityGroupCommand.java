package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet security-group}: security groups and their rules. */
@Command(name = "security-group", description = "Security groups.", mixinStandardHelpOptions = true)
final class SecurityGroupCommand extends CliCommand {
  static final Resource GROUPS = Resource.of("security-groups", "security group", List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      new Output.Column("RULES", g -> Integer.toString(g.path("rules").size())), Output.Column.field("DESCRIPTION", "/description")));
  static final List<Output.Column> RULE_COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("DIRECTION", "/direction"),
      Output.Column.field("ETHERTYPE", "/ethertype"), Output.Column.field("PROTOCOL", "/protocol"),
      new Output.Column("PORTS", SecurityGroupCommand::portRange), Output.Column.field("REMOTE_IP", "/remote_ip_prefix"),
      Output.Column.field("REMOTE_GROUP", "/remote_group_id"));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a security group without rules.", mixinStandardHelpOptions = true)
  int create(@Parameters(paramLabel = "NAME") String name, @Option(names = "--description", defaultValue = "") String description) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("name", name).put("description", description);
      root().output.one(out(), api.post(GROUPS.collection(), body));
    });
  }

  @Command(name = "list", description = "List security groups.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(GROUPS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a security group with its rules.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String group) {
    return showOne(GROUPS, group);
  }

  @Command(name = "set", description = "Change a security group's name or description.", mixinStandardHelpOptions = true)
  int set(@Parameters(paramLabel = "NAME|ID") String group,
      @Option(names = "--name", description = "the new name") String name,
      @Option(names = "--description", description = "the new description") String description) {
    ObjectNode changes = ApiConnection.JSON.createObjectNode();
    if (name != null) changes.put("name", name);
    if (description != null) changes.put("description", description);
    return patchOne(GROUPS, group, changes);
  }

  @Command(name = "tag", description = "Set a security group's tags: exactly those given (none: remove them all).", mixinStandardHelpOptions = true)
  int tag(@Parameters(index = "0", paramLabel = "NAME|ID") String group, @Parameters(index = "1..*", paramLabel = "TAG", arity = "0..*") List<String> tags) {
    return tagOne(GROUPS, group, tags);
  }

  @Command(name = "delete", description = "Delete a security group no port uses.", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String group) {
    return deleteOne(GROUPS, group);
  }

  @Command(name = "rules", description = "List a security group's rules.", mixinStandardHelpOptions = true)
  int rules(@Parameters(paramLabel = "NAME|ID") String group) {
    return call(api -> root().output.list(out(), api.get(GROUPS.item(resolve(api, GROUPS, group))).path("rules"), RULE_COLUMNS));
  }

  @Command(name = "add-rule", description = "Allow traffic: add one rule to a security group.", mixinStandardHelpOptions = true)
  int addRule(@Parameters(paramLabel = "NAME|ID") String group,
      @Option(names = "--direction", required = true, paramLabel = "ingress|egress") String direction,
      @Option(names = "--ethertype", defaultValue = "IPv4", paramLabel = "IPv4|IPv6") String ethertype,
      @Option(names = "--protocol", description = "tcp, udp, icmp or a number (default: any)") String protocol,
      @Option(names = "--port", paramLabel = "PORT[:PORT]", description = "a port or range, e.g. 80 or 8000:8080") String ports,
      @Option(names = "--remote-ip", paramLabel = "CIDR") String remoteIp,
      @Option(names = "--remote-group", paramLabel = "NAME|ID") String remoteGroup,
      @Option(names = "--description", defaultValue = "") String description) {
    PortRange range = ports == null ? null : PortRange.parse(spec.commandLine(), ports);
    return call(api -> {
      String id = resolve(api, GROUPS, group);
      ArrayNode rules = api.get(GROUPS.item(id)).path("rules").deepCopy();
      ObjectNode rule = rules.addObject().put("direction", direction).put("ethertype", ethertype).put("description", description);
      if (protocol != null) rule.put("protocol", protocol);
      if (range != null) rule.put("port_range_min", range.min()).put("port_range_max", range.max());
      if (remoteIp != null) rule.put("remote_ip_prefix", remoteIp);
      if (remoteGroup != null) rule.put("remote_group_id", resolve(api, GROUPS, remoteGroup));
      JsonNode changed = api.patch(GROUPS.item(id), ApiConnection.JSON.createObjectNode().set("rules", rules));
      root().output.one(out(), changed.path("rules").get(changed.path("rules").size() - 1));
    });
  }

  @Command(name = "remove-rule", description = "Remove one rule, by its id, from a security group.", mixinStandardHelpOptions = true)
  int removeRule(@Parameters(paramLabel = "NAME|ID") String group, @Parameters(paramLabel = "RULE_ID") String ruleId) {
    return call(api -> {
      String id = resolve(api, GROUPS, group);
      ArrayNode rules = ApiConnection.JSON.createArrayNode();
      boolean found = false;
      for (JsonNode rule : api.get(GROUPS.item(id)).path("rules")) {
        if (rule.path("id").asText().equals(ruleId)) found = true;
        else rules.add(rule);
      }
      if (!found) throw new ApiException("not_found: security group " + id + " has no rule " + ruleId);
      api.patch(GROUPS.item(id), ApiConnection.JSON.createObjectNode().set("rules", rules));
      out().println("removed rule " + ruleId + " from security group " + id);
    });
  }

  private static String portRange(JsonNode rule) {
    if (rule.path("port_range_min").isNull() || rule.path("port_range_min").isMissingNode()) return "any";
    String min = rule.path("port_range_min").asText();
    String max = rule.path("port_range_max").asText(min);
    return min.equals(max) ? min : min + ":" + max;
  }
}
