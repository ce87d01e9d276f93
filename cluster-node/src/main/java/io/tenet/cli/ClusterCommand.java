package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tenet cluster}: the controller nodes as the answering node sees them (administrator token). */
@Command(name = "cluster", description = "The controller cluster (administrator token).", mixinStandardHelpOptions = true)
final class ClusterCommand extends CliCommand {
  static final List<Output.Column> MEMBER_COLUMNS = List.of(Output.Column.field("ADDRESS", "/address"), Output.Column.field("STATUS", "/status"),
      new Output.Column("REACHABLE", m -> m.path("reachable").asBoolean() ? "yes" : "NO"), new Output.Column("LEADER", m -> m.path("leader").asBoolean() ? "*" : ""),
      Output.Column.field("SHARDS", "/shards"), Output.Column.field("ENTITIES", "/entities"), Output.Column.joined("ROLES", "/roles", ""));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "status", description = "The members: status, reachability, leader, and the shards and entities each hosts.", mixinStandardHelpOptions = true)
  int status() {
    return call(api -> {
      JsonNode cluster = api.get("/cluster");
      if (root().output != Output.TABLE) {
        root().output.document(out(), cluster);
        return;
      }
      out().println("answered by " + Output.text(cluster.path("self")));
      root().output.list(out(), cluster.path("members"), MEMBER_COLUMNS);
    });
  }
}
