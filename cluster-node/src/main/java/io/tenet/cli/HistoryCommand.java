package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenet history OBJECT}: every change to a network, port or (administrators) datapath from
 * its journal, oldest first: when, which event, who, in which request, and the fields that
 * changed. A deleted object is named by its id; a live network or port by its name too.
 */
@Command(name = "history", description = "Show every change to a network, port or datapath: when, who, which request, which fields.",
    mixinStandardHelpOptions = true)
final class HistoryCommand extends CliCommand implements Callable<Integer> {
  static final List<Output.Column> CHANGES = List.of(Output.Column.field("TIME", "/at"), Output.Column.field("OBJECT", "/object_kind"),
      Output.Column.field("ID", "/object_id"), Output.Column.field("EVENT", "/kind"), Output.Column.field("WHO", "/principal"),
      Output.Column.field("REQUEST", "/request_id"), new Output.Column("FIELDS", HistoryCommand::changedFields), Output.Column.field("SUMMARY", "/summary"));

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "OBJECT", description = "an id, or the name of a live network or port")
  String object;

  @Option(names = "--since", description = "only changes at or after this moment: ISO-8601 time or a time ago (90s, 15m, 1h, 2d)")
  String since;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    return call(api -> {
      String id = idOf(api, object);
      String query = "?object=" + encode(id) + (since == null ? "" : "&since=" + encode(since));
      root().output.list(out(), api.get("/events" + query).path("events"), CHANGES);
    });
  }

  /** A name of a live network or port becomes its id; anything else is taken as an id (deleted objects and datapaths have no name to look up). */
  private static String idOf(ApiConnection api, String nameOrId) {
    for (Resource resource : List.of(NetworkCommand.NETWORKS, PortCommand.PORTS)) {
      try {
        return resolve(api, resource, nameOrId);
      } catch (ApiException notThisKind) {
        // not a network (or port) by that name: try the next kind, then take it as an id
      }
    }
    return nameOrId;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String changedFields(JsonNode change) {
    StringBuilder fields = new StringBuilder();
    change.path("changes").fieldNames().forEachRemaining(name -> fields.append(fields.isEmpty() ? "" : ",").append(name));
    return fields.isEmpty() ? "-" : fields.toString();
  }
}
