package io.tenet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet security-group}: create, list, show and delete security groups (rules through the API for now). */
@Command(name = "security-group", description = "Security groups.", mixinStandardHelpOptions = true)
final class SecurityGroupCommand extends CliCommand {
  static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      new Output.Column("RULES", g -> Integer.toString(g.path("rules").size())), Output.Column.field("DESCRIPTION", "/description"));
  static final String PATH = "security-groups";
  static final String KEY = "security_groups";

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
      root().output.one(out(), api.post("/" + PATH, body));
    });
  }

  @Command(name = "list", description = "List security groups.", mixinStandardHelpOptions = true)
  int list() {
    return call(api -> root().output.list(out(), api.get("/" + PATH).path(KEY), COLUMNS));
  }

  @Command(name = "show", description = "Show a security group with its rules.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String group) {
    return call(api -> root().output.one(out(), api.get("/" + PATH + "/" + resolve(api, PATH, KEY, group))));
  }

  @Command(name = "delete", description = "Delete a security group no port uses.", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String group) {
    return call(api -> {
      String id = resolve(api, PATH, KEY, group);
      api.delete("/" + PATH + "/" + id);
      out().println("deleted security group " + id);
    });
  }
}
