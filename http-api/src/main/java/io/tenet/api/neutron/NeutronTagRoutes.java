package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.topology.Caller;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.TagChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2.0/<collection>/{id}/tags} and {@code .../tags/{tag}}: Neutron's tag API, the same for
 * every taggable collection. Adding or removing one tag is a {@link TagChange} the object's entity
 * applies itself, so concurrent taggers never undo each other.
 */
final class NeutronTagRoutes extends NeutronSupport {
  /** How the tags of one kind of object are read and changed; an object the caller cannot see is not found. */
  interface Taggable {
    CompletionStage<Outcome<List<String>>> tags(Caller caller, String id);

    CompletionStage<Outcome<List<String>>> change(Caller caller, String id, TagChange change);
  }

  /** A taggable collection: its path, its Neutron resource name (for errors) and its objects. */
  record Collection(String path, String resource, Taggable objects) {}

  private final List<Collection> collections;

  NeutronTagRoutes(List<Collection> collections) {
    this.collections = List.copyOf(collections);
  }

  Route route(Caller caller) {
    List<Route> routes = new ArrayList<>();
    for (Collection collection : collections) {
      routes.add(pathPrefix(collection.path(), () -> pathPrefix(segment(), id -> pathPrefix("tags", () -> tags(caller, collection, id)))));
    }
    return concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
  }

  private Route tags(Caller caller, Collection collection, String id) {
    Taggable objects = collection.objects();
    return concat(
        pathEnd(() -> concat(
            get(() -> answer(objects.tags(caller, id), tags -> json(200, Map.of("tags", tags)), problem -> NeutronError.of(problem, collection.resource(), id))),
            put(() -> body(json -> {
              List<String> tags = tagList(json);
              if (tags == null) return complete(error(NeutronError.invalidInput("tags", "'tags' must be a list of strings")));
              return answer(objects.change(caller, id, new TagChange.Replace(tags)), now -> json(200, Map.of("tags", now)),
                  problem -> NeutronError.of(problem, collection.resource(), id));
            })),
            delete(() -> answer(objects.change(caller, id, new TagChange.Replace(List.of())), none -> noContent(),
                problem -> NeutronError.of(problem, collection.resource(), id))))),
        path(segment(), tag -> concat(
            get(() -> answer(objects.tags(caller, id), tags -> tags.contains(tag) ? noContent() : error(tagNotFound(tag)),
                problem -> NeutronError.of(problem, collection.resource(), id))),
            put(() -> answer(objects.change(caller, id, new TagChange.Add(tag)), tags -> HttpResponse.create().withStatus(201),
                problem -> NeutronError.of(problem, collection.resource(), id))),
            // Neutron answers 404 for a tag the object does not have; the removal itself changes nothing then
            delete(() -> then(objects.tags(caller, id), tags -> tags.contains(tag)
                    ? answer(objects.change(caller, id, new TagChange.Remove(tag)), left -> noContent(), problem -> NeutronError.of(problem, collection.resource(), id))
                    : complete(error(tagNotFound(tag))),
                problem -> NeutronError.of(problem, collection.resource(), id))))));
  }

  /** {@code {"tags": [strings]}}, or null when the body is not that. */
  private static List<String> tagList(JsonNode json) {
    JsonNode tags = json.get("tags");
    if (tags == null || !tags.isArray()) return null;
    List<String> list = new ArrayList<>();
    for (JsonNode tag : tags) {
      if (!tag.isTextual()) return null;
      list.add(tag.asText());
    }
    return list;
  }

  private static NeutronError tagNotFound(String tag) {
    return new NeutronError(404, "TagNotFound", "Tag " + tag + " could not be found.");
  }
}
