package io.tenet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet port}: create, list, show and delete ports; the listing shows where each is bound. */
@Command(name = "port", description = "Ports.", mixinStandardHelpOptions = true)
final class PortCommand extends CliCommand {
  static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      Output.Column.field("MAC", "/mac_address"), Output.Column.field("IP", "/fixed_ips/0/ip_address"), Output.Column.field("STATUS", "/status"),
      Output.Column.field("HOST", "/binding/hostname"));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a port on a network.", mixinStandardHelpOptions = true)
  int create(@Option(names = "--network", required = true, paramLabel = "NAME|ID") String network,
      @Option(names = "--name", defaultValue = "") String name,
      @Option(names = "--ip", description = "a fixed IP on the network's subnet") String ip) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("network_id", resolve(api, "networks", network)).put("name", name);
      if (ip != null) body.putArray("fixed_ips").addObject().put("ip_address", ip);
      root().output.one(out(), api.post("/ports", body));
    });
  }

  @Command(name = "list", description = "List ports, optionally of one network.", mixinStandardHelpOptions = true)
  int list(@Option(names = "--network", paramLabel = "NAME|ID") String network) {
    return call(api -> {
      String query = network == null ? "" : "?network_id=" + resolve(api, "networks", network);
      root().output.list(out(), api.get("/ports" + query).path("ports"), COLUMNS);
    });
  }

  @Command(name = "show", description = "Show a port.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String port) {
    return call(api -> root().output.one(out(), api.get("/ports/" + resolve(api, "ports", port))));
  }

  @Command(name = "delete", description = "Delete a port.", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String port) {
    return call(api -> {
      String id = resolve(api, "ports", port);
      api.delete("/ports/" + id);
      out().println("deleted port " + id);
    });
  }
}
