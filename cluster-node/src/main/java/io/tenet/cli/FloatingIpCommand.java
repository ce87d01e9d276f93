package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet floating-ip}: allocate, list, show, associate, dissociate and release floating IPs, by id or by address. */
@Command(name = "floating-ip", description = "Floating IPs: addresses of external networks standing for ports.", mixinStandardHelpOptions = true)
final class FloatingIpCommand extends CliCommand {
  static final Resource FLOATING_IPS = Resource.of("floating-ips", "floating IP", List.of(Output.Column.field("ID", "/id"),
      Output.Column.field("ADDRESS", "/floating_ip_address"), Output.Column.field("PORT", "/port_id"), Output.Column.field("FIXED", "/fixed_ip_address"),
      Output.Column.field("ROUTER", "/router_id")));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Allocate a floating IP from an external network, and associate it with a port if given.", mixinStandardHelpOptions = true)
  int create(@Option(names = "--network", required = true, paramLabel = "NAME|ID", description = "the external network") String network,
      @Option(names = "--address", description = "a free address of the network's subnet (default: any)") String address,
      @Option(names = "--port", paramLabel = "NAME|ID", description = "associate with this port at once") String port) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("floating_network_id", resolve(api, NetworkCommand.NETWORKS, network));
      if (address != null) body.put("floating_ip_address", address);
      if (port != null) body.put("port_id", resolve(api, PortCommand.PORTS, port));
      root().output.one(out(), api.post(FLOATING_IPS.collection(), body));
    });
  }

  @Command(name = "list", description = "List floating IPs.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(FLOATING_IPS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a floating IP.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "ID|ADDRESS") String floatingIp) {
    return call(api -> root().output.one(out(), api.get(FLOATING_IPS.item(byIdOrAddress(api, floatingIp)))));
  }

  @Command(name = "set", description = "Associate a floating IP with a port (moving it), or dissociate it.", mixinStandardHelpOptions = true)
  int set(@Parameters(paramLabel = "ID|ADDRESS") String floatingIp,
      @Option(names = "--port", paramLabel = "NAME|ID", description = "the port it stands for") String port,
      @Option(names = "--fixed-ip", description = "which address of the port (default: its first)") String fixedIp,
      @Option(names = "--no-port", description = "dissociate it") boolean noPort) {
    if ((port == null) == !noPort) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --port or --no-port");
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode();
      if (port != null) body.put("port_id", resolve(api, PortCommand.PORTS, port));
      if (fixedIp != null) body.put("fixed_ip_address", fixedIp);
      root().output.one(out(), api.patch(FLOATING_IPS.item(byIdOrAddress(api, floatingIp)), body));
    });
  }

  @Command(name = "tag", description = "Set a floating IP's tags: exactly those given (none: remove them all).", mixinStandardHelpOptions = true)
  int tag(@Parameters(index = "0", paramLabel = "ID|ADDRESS") String floatingIp, @Parameters(index = "1..*", paramLabel = "TAG", arity = "0..*") List<String> tags) {
    return tagOne(FLOATING_IPS, floatingIp, tags);
  }

  @Command(name = "delete", description = "Release a floating IP (it is dissociated first).", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "ID|ADDRESS") String floatingIp) {
    return call(api -> {
      api.delete(FLOATING_IPS.item(byIdOrAddress(api, floatingIp)));
      out().println("deleted floating IP " + floatingIp);
    });
  }

  /** Floating IPs have no names: an id, or the address itself. */
  private static String byIdOrAddress(ApiConnection api, String idOrAddress) throws ApiException {
    for (JsonNode item : api.get(FLOATING_IPS.collection()).path(FLOATING_IPS.key())) {
      if (item.path("id").asText().equals(idOrAddress) || item.path("floating_ip_address").asText().equals(idOrAddress)) return item.path("id").asText();
    }
    throw new ApiException("not_found: no floating IP with id or address '" + idOrAddress + "'");
  }
}
