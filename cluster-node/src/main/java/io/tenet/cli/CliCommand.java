package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
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

  /** {@code list}: the collection (with an optional query string such as {@code ?network_id=...}) as a table or document. */
  int listAll(Resource resource, ApiQuery query) {
    return call(api -> root().output.list(out(), api.get(resource.collection() + query.build(api)).path(resource.key()), resource.columns()));
  }

  /** {@code show}: one object, by name or id. */
  int showOne(Resource resource, String nameOrId) {
    return call(api -> root().output.one(out(), api.get(resource.item(resolve(api, resource, nameOrId)))));
  }

  /** {@code delete}: one object, by name or id. */
  int deleteOne(Resource resource, String nameOrId) {
    return call(api -> {
      String id = resolve(api, resource, nameOrId);
      api.delete(resource.item(id));
      out().println("deleted " + resource.singular() + " " + id);
    });
  }

  /** {@code set}: a PATCH of the fields given; nothing given is a usage error, not an empty change. */
  int patchOne(Resource resource, String nameOrId, ObjectNode changes) {
    if (changes.isEmpty()) throw new CommandLine.ParameterException(spec().commandLine(), "nothing to change: give at least one option");
    return call(api -> root().output.one(out(), api.patch(resource.item(resolve(api, resource, nameOrId)), changes)));
  }

  /** The object's tags become exactly {@code tags} (none: it has none); answers the object. */
  int tagOne(Resource resource, String nameOrId, List<String> tags) {
    ObjectNode body = ApiConnection.JSON.createObjectNode();
    ArrayNode list = body.putArray("tags");
    if (tags != null) tags.forEach(list::add);
    return call(api -> root().output.one(out(), api.put(resource.item(resolve(api, resource, nameOrId)) + "/tags", body)));
  }

  /** A query string that may need the API to resolve a name first. */
  @FunctionalInterface
  interface ApiQuery {
    ApiQuery NONE = api -> "";

    String build(ApiConnection api) throws ApiException;
  }

  /**
   * The id of the object of {@code resource} named or identified by {@code nameOrId}: an id is
   * taken as is when it exists; a name must name exactly one.
   */
  static String resolve(ApiConnection api, Resource resource, String nameOrId) throws ApiException {
    JsonNode all = api.get(resource.collection()).path(resource.key());
    List<String> named = new ArrayList<>();
    for (JsonNode item : all) {
      if (item.path("id").asText().equals(nameOrId)) return nameOrId;
      if (item.path("name").asText().equals(nameOrId)) named.add(item.path("id").asText());
    }
    if (named.isEmpty()) throw new ApiException("not_found: no " + resource.singular() + " with id or name '" + nameOrId + "'");
    if (named.size() > 1) throw new ApiException("ambiguous: " + named.size() + " " + resource.path().replace('-', ' ') + " are named '" + nameOrId + "'; use an id: " + named);
    return named.get(0);
  }
}
