package io.tenet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet network}: create, list, show and delete networks, by name or id. */
@Command(name = "network", description = "Networks.", mixinStandardHelpOptions = true)
final class NetworkCommand extends CliCommand {
  static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      Output.Column.field("VNI", "/vni"), new Output.Column("SUBNETS", n -> {
        StringBuilder cidrs = new StringBuilder();
        n.path("subnets").forEach(s -> cidrs.append(cidrs.isEmpty() ? "" : ",").append(s.path("cidr").asText()));
        return cidrs.isEmpty() ? "-" : cidrs.toString();
      }));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a network with one subnet.", mixinStandardHelpOptions = true)
  int create(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--cidr", required = true, description = "the subnet, e.g. 10.0.0.0/24") String cidr,
      @Option(names = "--dns", description = "a DNS server handed out by DHCP (repeatable)") List<String> dns,
      @Option(names = "--no-dhcp", description = "do not serve DHCP on the subnet") boolean noDhcp) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("name", name);
      ObjectNode subnet = body.putArray("subnets").addObject().put("cidr", cidr);
      if (dns != null) dns.forEach(subnet.putArray("dns_servers")::add);
      if (noDhcp) subnet.put("dhcp_enabled", false);
      root().output.one(out(), api.post("/networks", body));
    });
  }

  @Command(name = "list", description = "List networks.", mixinStandardHelpOptions = true)
  int list() {
    return call(api -> root().output.list(out(), api.get("/networks").path("networks"), COLUMNS));
  }

  @Command(name = "show", description = "Show a network.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String network) {
    return call(api -> root().output.one(out(), api.get("/networks/" + resolve(api, "networks", network))));
  }

  @Command(name = "delete", description = "Delete a network (it must have no ports).", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String network) {
    return call(api -> {
      String id = resolve(api, "networks", network);
      api.delete("/networks/" + id);
      out().println("deleted network " + id);
    });
  }
}
