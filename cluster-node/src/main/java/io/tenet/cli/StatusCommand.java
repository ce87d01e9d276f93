package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenet status}: how far the data plane implements one object. A table prints the overall
 * state and reason, then one row per datapath that must implement it; {@code -o json|yaml}
 * prints the object's {@code realization} document. Exit 0 whatever the state: reading it worked.
 */
@Command(name = "status", description = "Show whether a port, network, router or security group is realized on every datapath that must implement it, and why not.",
    mixinStandardHelpOptions = true)
final class StatusCommand extends CliCommand {
  static final List<Output.Column> DATAPATHS = List.of(Output.Column.field("DATAPATH", "/datapath_id"), Output.Column.field("HOST", "/hostname"),
      Output.Column.field("STATE", "/state"), Output.Column.field("CONFIRMED_VERSION", "/confirmed_version"),
      Output.Column.field("CONFIRMED_AT", "/confirmed_at"), Output.Column.field("REASON", "/reason"));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "port", description = "A port: realized once every datapath of its network holds it; ACTIVE once its own datapath does.",
      mixinStandardHelpOptions = true)
  int port(@Parameters(paramLabel = "PORT") String nameOrId) {
    return show(PortCommand.PORTS, nameOrId);
  }

  @Command(name = "network", description = "A network: realized once every datapath hosting one of its ports holds its current version.",
      mixinStandardHelpOptions = true)
  int network(@Parameters(paramLabel = "NETWORK") String nameOrId) {
    return show(NetworkCommand.NETWORKS, nameOrId);
  }

  @Command(name = "router", description = "A router: realized once every datapath routing for it (hosting a port of one of its networks) holds its current version.",
      mixinStandardHelpOptions = true)
  int router(@Parameters(paramLabel = "ROUTER") String nameOrId) {
    return show(RouterCommand.ROUTERS, nameOrId);
  }

  @Command(name = "security-group", description = "A security group: realized once every datapath enforcing it (hosting a port in it, or in a group whose rules name it) "
      + "holds its current version.", mixinStandardHelpOptions = true)
  int securityGroup(@Parameters(paramLabel = "GROUP") String nameOrId) {
    return show(SecurityGroupCommand.GROUPS, nameOrId);
  }

  private int show(Resource resource, String nameOrId) {
    return call(api -> {
      JsonNode object = api.get(resource.item(resolve(api, resource, nameOrId)));
      JsonNode realization = object.path("realization");
      if (root().output != Output.TABLE) {
        root().output.document(out(), realization);
        return;
      }
      out().println(resource.singular() + " " + object.path("id").asText() + ": " + Output.text(realization.path("state"))
          + " (desired version " + Output.text(realization.path("desired_version")) + ")"
          + (object.has("status") ? ", status " + object.path("status").asText() : ""));
      if (realization.hasNonNull("reason")) out().println("reason: " + realization.path("reason").asText());
      if (realization.path("datapaths").isEmpty()) {
        out().println("no datapath must implement this " + resource.singular() + ": nothing to wait for");
      } else {
        root().output.list(out(), realization.path("datapaths"), DATAPATHS);
      }
    });
  }
}
