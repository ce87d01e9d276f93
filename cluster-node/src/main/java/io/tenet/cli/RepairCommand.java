package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenet repair}: a forced diff-and-repair of one datapath, or of one network on every
 * datapath that serves it, without restarting anything (administrator token). Prints what each
 * datapath changed.
 */
@Command(name = "repair", description = "Compare a datapath's or a network's flows on the switches with what they should be, and correct them (administrator token).",
    mixinStandardHelpOptions = true)
final class RepairCommand extends CliCommand {
  static final List<Output.Column> REPORT = List.of(Output.Column.field("DATAPATH", "/datapath_id"), Output.Column.field("HOST", "/hostname"),
      Output.Column.field("SCOPE", "/scope"), Output.Column.field("OUTCOME", "/outcome"),
      Output.Column.field("FLOWS_RESTORED", "/changed/flows_restored"), Output.Column.field("CORRECTED", "/changed/flows_corrected"),
      Output.Column.field("REMOVED", "/changed/flows_removed"), Output.Column.field("GROUPS_FIXED", "/changed/groups_restored"),
      Output.Column.field("REASON", "/reason"));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "datapath", description = "Repair one datapath.", mixinStandardHelpOptions = true)
  int datapath(@Parameters(paramLabel = "DATAPATH_ID") String datapathId) {
    return call(api -> {
      JsonNode report = api.post(DatapathCommand.DATAPATHS.item(datapathId) + "/reconcile", JsonNodeFactory.instance.objectNode());
      root().output.list(out(), root().output == Output.TABLE ? JsonNodeFactory.instance.arrayNode().add(report) : report, REPORT);
    });
  }

  @Command(name = "network", description = "Repair one network's flows on every datapath serving it; other networks' flows are not touched.",
      mixinStandardHelpOptions = true)
  int network(@Parameters(paramLabel = "NETWORK") String nameOrId) {
    return call(api -> {
      String id = resolve(api, NetworkCommand.NETWORKS, nameOrId);
      JsonNode answer = api.post(NetworkCommand.NETWORKS.item(id) + "/reconcile", JsonNodeFactory.instance.objectNode());
      root().output.list(out(), root().output == Output.TABLE ? answer.path("datapaths") : answer, REPORT);
    });
  }
}
