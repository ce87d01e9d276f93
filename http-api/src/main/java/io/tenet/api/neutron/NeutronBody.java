package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attributes of one resource in a Neutron request body ({@code {"network": {...}}}), read the
 * way Neutron reads them: unknown names refused all at once, wrong types refused naming the
 * attribute, strings accepted for numbers and booleans. Every reader throws {@link NeutronRefused}.
 */
final class NeutronBody {
  private final ObjectNode attributes;

  private NeutronBody(ObjectNode attributes) {
    this.attributes = attributes;
  }

  /** The object under {@code resource} in {@code body}, holding only names from {@code allowed}. */
  static NeutronBody of(JsonNode body, String resource, Set<String> allowed) {
    JsonNode inner = body == null ? null : body.get(resource);
    if (inner == null || !inner.isObject()) throw new NeutronRefused(NeutronError.badRequest("Resource body required: an object under '" + resource + "'"));
    Set<String> unknown = new TreeSet<>();
    inner.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) unknown.add(name);
    });
    if (!unknown.isEmpty()) throw new NeutronRefused(NeutronError.unrecognized(String.join(", ", unknown)));
    return new NeutronBody((ObjectNode) inner);
  }

  /** The attribute as sent (null when absent), for shapes the readers below do not cover. */
  JsonNode raw(String name) {
    return attributes.get(name);
  }

  boolean has(String name) {
    return attributes.has(name);
  }

  String string(String name) {
    JsonNode value = attributes.get(name);
    if (value == null || value.isNull()) return null;
    if (!value.isTextual()) throw invalid(name, "'" + value + "' is not a string");
    return value.asText();
  }

  Boolean bool(String name) {
    JsonNode value = attributes.get(name);
    if (value == null || value.isNull()) return null;
    Boolean read = NeutronValues.bool(value);
    if (read == null) throw invalid(name, "'" + value.asText() + "' cannot be converted to boolean");
    return read;
  }

  Integer integer(String name) {
    JsonNode value = attributes.get(name);
    if (value == null || value.isNull()) return null;
    Integer read = NeutronValues.integer(value);
    if (read == null) throw invalid(name, "'" + value.asText() + "' is not an integer");
    return read;
  }

  List<JsonNode> list(String name) {
    JsonNode value = attributes.get(name);
    if (value == null || value.isNull()) return null;
    if (!value.isArray()) throw invalid(name, "'" + value + "' is not a list");
    List<JsonNode> elements = new ArrayList<>();
    value.forEach(elements::add);
    return elements;
  }

  /** An attribute Tenet keeps no value for: accepted only as the value it always has. */
  void onlyAsAlways(String name, Object always, String why) {
    JsonNode value = attributes.get(name);
    if (value == null || value.isNull()) return;
    Object given = always instanceof Boolean ? NeutronValues.bool(value) : value.isTextual() ? value.asText() : value;
    if (!always.equals(given) && !(always instanceof List<?> empty && empty.isEmpty() && value.isArray() && value.isEmpty())) {
      throw invalid(name, why);
    }
  }

  /** The project a create names, as {@code project_id} or its older name {@code tenant_id} (null: the caller's own); both must agree. */
  String project() {
    String tenant = string("tenant_id");
    String project = string("project_id");
    if (tenant != null && project != null && !tenant.equals(project)) throw invalid("project_id", "tenant_id and project_id differ");
    return project != null ? project : tenant;
  }

  /** The attribute names of {@code a} and of {@code b}. */
  static Set<String> names(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  static NeutronRefused invalid(String name, String reason) {
    return new NeutronRefused(NeutronError.invalidInput(name, reason));
  }
}
