package io.tenet.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet datapath}: the Open vSwitch bridges under control (administrator token). */
@Command(name = "datapath", description = "Datapaths (administrator token).", mixinStandardHelpOptions = true)
final class DatapathCommand extends CliCommand {
  static final Resource DATAPATHS = Resource.of("datapaths", "datapath", List.of(Output.Column.field("DATAPATH", "/datapath_id"),
      Output.Column.field("HOST", "/hostname"), Output.Column.field("ENCAP_IP", "/encap_ip"), Output.Column.field("NODE", "/node"),
      Output.Column.field("ROLE", "/role"), Output.Column.field("TERM", "/term"), Output.Column.field("FLOWS", "/flow_count"),
      Output.Column.field("PORTS", "/port_count"), Output.Column.field("CONVERGED", "/converged")));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "list", description = "List datapaths.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(DATAPATHS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a datapath.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "DATAPATH_ID") String datapathId) {
    return call(api -> root().output.one(out(), api.get(DATAPATHS.item(datapathId))));
  }
}
