package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet router}: routers and their interfaces (one per subnet, by default on the subnet's gateway address). */
@Command(name = "router", description = "Routers.", mixinStandardHelpOptions = true)
final class RouterCommand extends CliCommand {
  static final Resource ROUTERS = Resource.of("routers", "router", List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      Output.Column.joined("INTERFACES", "/interfaces", "/ip_address"), new Output.Column("GATEWAY", RouterCommand::gateway)));

  /** The external gateway's address and hosts, the active one marked: {@code 203.0.113.2 on hv3 (active), hv2}; "-" without one. */
  static String gateway(JsonNode router) {
    JsonNode gateway = router.path("external_gateway");
    if (!gateway.isObject()) return "-";
    String active = gateway.path("active_datapath_id").asText("");
    StringBuilder hosts = new StringBuilder();
    int index = 0;
    for (JsonNode host : gateway.path("hosts")) {
      // gateways recorded before the active host was kept name none: the first host is active
      boolean isActive = active.isEmpty() ? index == 0 : active.equals(host.path("datapath_id").asText());
      hosts.append(hosts.isEmpty() ? "" : ", ").append(host.path("hostname").asText()).append(isActive ? " (active)" : "");
      index++;
    }
    return gateway.path("ip_address").asText() + " on " + (hosts.isEmpty() ? "-" : hosts);
  }

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a router.", mixinStandardHelpOptions = true)
  int create(@Parameters(paramLabel = "NAME") String name) {
    return call(api -> root().output.one(out(), api.post(ROUTERS.collection(), ApiConnection.JSON.createObjectNode().put("name", name))));
  }

  @Command(name = "list", description = "List routers.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(ROUTERS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a router.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String router) {
    return showOne(ROUTERS, router);
  }

  @Command(name = "set", description = "Change a router's name, administrative state or external gateway.", mixinStandardHelpOptions = true)
  int set(@Parameters(paramLabel = "NAME|ID") String router,
      @Option(names = "--name", description = "the new name") String name,
      @Option(names = "--admin-state-up", arity = "1", paramLabel = "true|false") Boolean adminStateUp,
      @Option(names = "--external-gateway", paramLabel = "NAME|ID", description = "an external network: the router's way out") String externalNetwork,
      @Option(names = "--no-snat", description = "with --external-gateway: VMs without a floating IP do not leave through the gateway") boolean noSnat,
      @Option(names = "--no-external-gateway", description = "remove the router's external gateway") boolean noGateway,
      @Option(names = "--gateway-host", paramLabel = "HOSTNAME=PRIORITY", description = "with --external-gateway, administrators: a gateway hypervisor "
          + "and its priority (repeat it; the highest is made active)") java.util.Map<String, Integer> gatewayHosts) {
    if (externalNetwork == null && !noGateway) {
      if (noSnat) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--no-snat goes with --external-gateway");
      if (gatewayHosts != null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--gateway-host goes with --external-gateway");
      ObjectNode changes = ApiConnection.JSON.createObjectNode();
      if (name != null) changes.put("name", name);
      if (adminStateUp != null) changes.put("admin_state_up", adminStateUp);
      return patchOne(ROUTERS, router, changes);
    }
    if (externalNetwork != null && noGateway) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --external-gateway or --no-external-gateway, not both");
    }
    return call(api -> {
      ObjectNode changes = ApiConnection.JSON.createObjectNode();
      if (name != null) changes.put("name", name);
      if (adminStateUp != null) changes.put("admin_state_up", adminStateUp);
      ObjectNode gateway = changes.putObject("external_gateway");
      if (externalNetwork != null) gateway.put("network_id", resolve(api, NetworkCommand.NETWORKS, externalNetwork)).put("enable_snat", !noSnat);
      if (externalNetwork != null && gatewayHosts != null) {
        var hosts = gateway.putArray("hosts");
        gatewayHosts.forEach((hostname, priority) -> hosts.addObject().put("hostname", hostname).put("priority", priority));
      }
      root().output.one(out(), api.patch(ROUTERS.item(resolve(api, ROUTERS, router)), changes));
    });
  }

  @Command(name = "tag", description = "Set a router's tags: exactly those given (none: remove them all).", mixinStandardHelpOptions = true)
  int tag(@Parameters(index = "0", paramLabel = "NAME|ID") String router, @Parameters(index = "1..*", paramLabel = "TAG", arity = "0..*") List<String> tags) {
    return tagOne(ROUTERS, router, tags);
  }

  @Command(name = "delete", description = "Delete a router (remove its interfaces first).", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String router) {
    return deleteOne(ROUTERS, router);
  }

  @Command(name = "add-interface", description = "Attach the router to a network's subnet.", mixinStandardHelpOptions = true)
  int addInterface(@Parameters(paramLabel = "ROUTER") String router,
      @Option(names = "--network", required = true, paramLabel = "NAME|ID") String network,
      @Option(names = "--subnet", description = "which subnet of the network (default: its only one)") String subnet,
      @Option(names = "--ip", description = "the router's address (default: the subnet's gateway)") String ip) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("network_id", resolve(api, NetworkCommand.NETWORKS, network));
      if (subnet != null) body.put("subnet_id", subnet);
      if (ip != null) body.put("ip_address", ip);
      root().output.one(out(), api.post(ROUTERS.item(resolve(api, ROUTERS, router)) + "/interfaces", body));
    });
  }

  @Command(name = "remove-interface", description = "Detach the router from a subnet.", mixinStandardHelpOptions = true)
  int removeInterface(@Parameters(paramLabel = "ROUTER") String router, @Option(names = "--subnet", required = true) String subnet) {
    return call(api -> {
      String id = resolve(api, ROUTERS, router);
      api.delete(ROUTERS.item(id) + "/interfaces/" + subnet);
      out().println("removed the interface of router " + id + " on subnet " + subnet);
    });
  }
}
