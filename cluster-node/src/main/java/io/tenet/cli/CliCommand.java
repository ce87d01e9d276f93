package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What every resource command shares: the root's settings, the streams, and running a call with the exit codes of {@link TenetCli}. */
abstract class CliCommand {
  abstract CommandSpec spec();

  TenetCli root() {
    return (TenetCli) spec().root().userObject();
  }

  PrintWriter out() {
    return spec().commandLine().getOut();
  }

  @FunctionalInterface
  interface ApiCall {
    void run(ApiConnection api) throws ApiException;
  }

  /** Runs {@code call}; an API refusal prints its sentence and answers 1. */
  int call(ApiCall call) {
    try {
      call.run(root().connection());
      return 0;
    } catch (ApiException refused) {
      spec().commandLine().getErr().println("tenet: " + refused.getMessage());
      return 1;
    }
  }

  /** The id of the network, port, ... named or identified by {@code nameOrId}; see {@link #resolve(ApiConnection, String, String, String)}. */
  static String resolve(ApiConnection api, String collection, String nameOrId) throws ApiException {
    return resolve(api, collection, collection, nameOrId);
  }

  /**
   * The id of the object of {@code GET /<path>} (listed under {@code key}) named or identified by
   * {@code nameOrId}: an id is taken as is when it exists; a name must name exactly one.
   */
  static String resolve(ApiConnection api, String path, String key, String nameOrId) throws ApiException {
    JsonNode all = api.get("/" + path).path(key);
    List<String> named = new ArrayList<>();
    for (JsonNode item : all) {
      if (item.path("id").asText().equals(nameOrId)) return nameOrId;
      if (item.path("name").asText().equals(nameOrId)) named.add(item.path("id").asText());
    }
    String singular = path.substring(0, path.length() - 1).replace('-', ' ');
    if (named.isEmpty()) throw new ApiException("not_found: no " + singular + " with id or name '" + nameOrId + "'");
    if (named.size() > 1) throw new ApiException("ambiguous: " + named.size() + " " + path.replace('-', ' ') + " are named '" + nameOrId + "'; use an id: " + named);
    return named.get(0);
  }
}
