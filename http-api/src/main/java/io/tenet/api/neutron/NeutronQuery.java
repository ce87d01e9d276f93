package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a Neutron list request asks for beyond the collection (pure): filters on attributes
 * (repeated values mean any of them) and on tags ({@link NeutronTagFilter}), {@code fields} to
 * keep, {@code sort_key}/{@code sort_dir}, and pages of {@code limit} after (or, with {@code page_reverse}, before) the {@code marker} id,
 * with {@code <collection>_links} to the next and previous pages as Neutron gives them.
 */
public record NeutronQuery(Map<String, List<String>> filters, NeutronTagFilter tags, List<String> fields, Integer limit, String marker, boolean pageReverse,
    List<String> sortKeys, List<Boolean> sortAscending, List<Map.Entry<String, String>> parameters) {
  /** The query of {@code parameters} (in request order); refused when {@code limit} or {@code sort_dir} is not one. */
  public static Result parse(List<Map.Entry<String, String>> parameters) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    NeutronTagFilter tags = NeutronTagFilter.none();
    List<String> fields = new ArrayList<>();
    List<String> sortKeys = new ArrayList<>();
    List<Boolean> ascending = new ArrayList<>();
    Integer limit = null;
    String marker = null;
    boolean reverse = false;
    for (Map.Entry<String, String> parameter : parameters) {
      String value = parameter.getValue();
      switch (parameter.getKey()) {
        case "fields" -> fields.add(value);
        case "marker" -> marker = value;
        case "page_reverse" -> reverse = NeutronValues.isTrue(value);
        case "sort_key" -> sortKeys.add(value);
        case "sort_dir" -> {
          if (!value.equals("asc") && !value.equals("desc")) return new Refused(NeutronError.badRequest("sort_dir must be 'asc' or 'desc', not '" + value + "'"));
          ascending.add(value.equals("asc"));
        }
        case "limit" -> {
          try {
            limit = Integer.parseInt(value);
          } catch (NumberFormatException notANumber) {
            return new Refused(NeutronError.badRequest("limit must be a whole number, not '" + value + "'"));
          }
          if (limit < 0) return new Refused(NeutronError.badRequest("limit must not be negative"));
          if (limit == 0) limit = null; // Neutron: 0 means no limit
        }
        case "tags", "tags-any", "not-tags", "not-tags-any" -> tags = tags.with(parameter.getKey(), value);
        default -> filters.computeIfAbsent(parameter.getKey(), k -> new ArrayList<>()).add(value);
      }
    }
    return new Parsed(new NeutronQuery(filters, tags, fields, limit, marker, reverse, sortKeys, ascending, List.copyOf(parameters)));
  }

  /** What {@link #parse} and {@link #page} give. */
  public sealed interface Result permits Parsed, Page, Refused {}

  public record Parsed(NeutronQuery query) implements Result {}

  public record Refused(NeutronError error) implements Result {}

  /**
   * The page of {@code items} this query asks for, under {@code collection} (plural), with links
   * built on {@code url} (the collection's address, no query); null items are never passed.
   */
  public Result page(List<ObjectNode> items, String collection, String url) {
    List<ObjectNode> matching = new ArrayList<>(items.stream().filter(this::matches).toList());
    matching.sort(order());
    int from = 0;
    int to = matching.size();
    if (marker != null) {
      int at = indexOf(matching, marker);
      if (at < 0) return new Refused(new NeutronError(404, "MarkerNotFound", "Marker " + marker + " could not be found."));
      if (pageReverse) to = at;
      else from = at + 1;
    }
    if (limit != null && to - from > limit) {
      if (pageReverse) from = to - limit;
      else to = from + limit;
    }
    List<ObjectNode> page = matching.subList(from, to);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    ArrayNode listed = answer.putArray(collection);
    page.forEach(item -> listed.add(project(item)));
    // links by position in the sorted whole, whichever way this page was taken
    ArrayNode links = JsonNodeFactory.instance.arrayNode();
    if (limit != null && !page.isEmpty()) {
      if (to < matching.size()) links.add(link("next", url, page.get(page.size() - 1).path("id").asText(), false));
      if (from > 0) links.add(link("previous", url, page.get(0).path("id").asText(), true));
    }
    if (!links.isEmpty()) answer.set(collection + "_links", links);
    return new Page(answer);
  }

  /** A page of a list: the body to answer with. */
  public record Page(ObjectNode body) implements Result {}

  /** Only the {@code fields} asked for (all when none were); names the resource does not have are left out, not refused. */
  public ObjectNode project(ObjectNode item) {
    if (fields.isEmpty()) return item;
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    for (String field : fields) if (item.has(field)) kept.set(field, item.get(field));
    return kept;
  }

  private boolean matches(ObjectNode item) {
    if (item.has("tags")) {
      Set<String> tagged = new HashSet<>();
      item.get("tags").forEach(tag -> tagged.add(tag.asText()));
      if (!tags.matches(tagged)) return false;
    }
    for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
      if (!item.has(filter.getKey())) continue; // not an attribute of this resource: Neutron's client sends such filters, and they must not fail
      JsonNode value = item.get(filter.getKey());
      if (filter.getValue().stream().noneMatch(wanted -> NeutronValues.matches(value, wanted))) return false;
    }
    return true;
  }

  private Comparator<ObjectNode> order() {
    Comparator<ObjectNode> order = (a, b) -> 0;
    for (int i = 0; i < sortKeys.size(); i++) {
      String key = sortKeys.get(i);
      Comparator<ObjectNode> byKey = Comparator.comparing((ObjectNode item) -> item.path(key).asText(""));
      order = order.thenComparing(i < sortAscending.size() && !sortAscending.get(i) ? byKey.reversed() : byKey);
    }
    return order.thenComparing(item -> item.path("id").asText(""));
  }

  private static int indexOf(List<ObjectNode> items, String id) {
    for (int i = 0; i < items.size(); i++) if (id.equals(items.get(i).path("id").asText())) return i;
    return -1;
  }

  private ObjectNode link(String rel, String url, String markerId, boolean reverse) {
    List<String> query = new ArrayList<>();
    for (Map.Entry<String, String> parameter : parameters) {
      if (parameter.getKey().equals("marker") || parameter.getKey().equals("page_reverse")) continue;
      query.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue()));
    }
    query.add("marker=" + encode(markerId));
    if (reverse) query.add("page_reverse=True");
    ObjectNode link = JsonNodeFactory.instance.objectNode();
    link.put("rel", rel);
    link.put("href", url + "?" + query.stream().collect(Collectors.joining("&")));
    return link;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
