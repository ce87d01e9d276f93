package io.tenet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet port}: create, list, show, change and delete ports; the listing shows where each is bound. */
@Command(name = "port", description = "Ports.", mixinStandardHelpOptions = true)
final class PortCommand extends CliCommand {
  static final Resource PORTS = Resource.of("ports", "port", List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      Output.Column.field("MAC", "/mac_address"), Output.Column.field("IP", "/fixed_ips/0/ip_address"), Output.Column.field("STATUS", "/status"),
      Output.Column.field("HOST", "/binding/hostname"), Output.Column.field("REALIZATION", "/realization/state")));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a port on a network.", mixinStandardHelpOptions = true)
  int create(@Option(names = "--network", required = true, paramLabel = "NAME|ID") String network,
      @Option(names = "--name", defaultValue = "") String name,
      @Option(names = "--ip", description = "a fixed IP on the network's subnet") String ip,
      @Option(names = "--mac-address", description = "the port's MAC (default: allocated); a VLAN host behind a layer-2 gateway gets the lease of the port with its MAC")
      String mac,
      @Option(names = "--security-group", paramLabel = "NAME|ID", description = "a security group (repeatable; default: the tenant's default group)") List<String> groups,
      @Option(names = "--no-port-security", description = "let the port send from any MAC and IP (no security groups)") boolean noPortSecurity) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("network_id", resolve(api, NetworkCommand.NETWORKS, network)).put("name", name);
      if (ip != null) body.putArray("fixed_ips").addObject().put("ip_address", ip);
      if (mac != null) body.put("mac_address", mac);
      if (groups != null) securityGroups(api, body.putArray("security_group_ids"), groups);
      if (noPortSecurity) body.put("port_security_enabled", false);
      root().output.one(out(), api.post(PORTS.collection(), body));
    });
  }

  @Command(name = "list", description = "List ports, optionally of one network.", mixinStandardHelpOptions = true)
  int list(@Option(names = "--network", paramLabel = "NAME|ID") String network) {
    return listAll(PORTS, network == null ? ApiQuery.NONE : api -> "?network_id=" + resolve(api, NetworkCommand.NETWORKS, network));
  }

  @Command(name = "show", description = "Show a port.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String port) {
    return showOne(PORTS, port);
  }

  @Command(name = "set", description = "Change a port's name, security groups, port security or administrative state.", mixinStandardHelpOptions = true)
  int set(@Parameters(paramLabel = "NAME|ID") String port,
      @Option(names = "--name", description = "the new name") String name,
      @Option(names = "--security-group", paramLabel = "NAME|ID", description = "the port's security groups: replaces them all (repeatable)") List<String> groups,
      @Option(names = "--no-security-groups", description = "remove every security group") boolean noGroups,
      @Option(names = "--port-security", arity = "1", paramLabel = "true|false") Boolean portSecurity,
      @Option(names = "--admin-state-up", arity = "1", paramLabel = "true|false") Boolean adminStateUp) {
    ObjectNode changes = ApiConnection.JSON.createObjectNode();
    if (name != null) changes.put("name", name);
    if (portSecurity != null) changes.put("port_security_enabled", portSecurity);
    if (adminStateUp != null) changes.put("admin_state_up", adminStateUp);
    if (noGroups) changes.putArray("security_group_ids");
    if (groups == null) return patchOne(PORTS, port, changes);
    // group names resolve through the API, so the change is built inside the call
    return call(api -> {
      securityGroups(api, changes.putArray("security_group_ids"), groups);
      root().output.one(out(), api.patch(PORTS.item(resolve(api, PORTS, port)), changes));
    });
  }

  @Command(name = "tag", description = "Set a port's tags: exactly those given (none: remove them all).", mixinStandardHelpOptions = true)
  int tag(@Parameters(index = "0", paramLabel = "NAME|ID") String port, @Parameters(index = "1..*", paramLabel = "TAG", arity = "0..*") List<String> tags) {
    return tagOne(PORTS, port, tags);
  }

  @Command(name = "delete", description = "Delete a port.", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String port) {
    return deleteOne(PORTS, port);
  }

  private static void securityGroups(ApiConnection api, ArrayNode ids, List<String> groups) throws ApiException {
    for (String group : groups) ids.add(resolve(api, SecurityGroupCommand.GROUPS, group));
  }
}
