package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * RFC 7047 value notation: sets and maps are tagged arrays (["set",[...]], ["map",[[k,v],...]]),
 * references are ["uuid",...] or ["named-uuid",...], and a one-element set may come as the bare atom.
 */
final class Ovsdb {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String DB = "Open_vSwitch";

  private Ovsdb() {}

  static ArrayNode set(Collection<? extends JsonNode> atoms) {
    ArrayNode set = NODES.arrayNode().add("set");
    set.addArray().addAll(atoms);
    return set;
  }

  static ArrayNode stringSet(Collection<String> strings) {
    return set(strings.stream().map(NODES::textNode).toList());
  }

  /** Keys sorted: the same map always gives the same JSON (golden tests, diffs). */
  static ArrayNode map(Map<String, String> entries) {
    ArrayNode map = NODES.arrayNode().add("map");
    ArrayNode pairs = map.addArray();
    new TreeMap<>(entries).forEach((k, v) -> pairs.addArray().add(k).add(v));
    return map;
  }

  static ArrayNode namedUuid(String name) {
    return NODES.arrayNode().add("named-uuid").add(name);
  }

  static ArrayNode uuid(String uuid) {
    return NODES.arrayNode().add("uuid").add(uuid);
  }

  /** The atoms of a set column, whether sent as ["set",[...]] or as a single bare atom. */
  static List<JsonNode> atoms(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) return List.of();
    if (value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText()) && value.get(1).isArray()) {
      List<JsonNode> atoms = new ArrayList<>();
      value.get(1).forEach(atoms::add);
      return atoms;
    }
    return List.of(value);
  }

  static Set<String> strings(JsonNode value) {
    Set<String> strings = new LinkedHashSet<>();
    for (JsonNode atom : atoms(value)) strings.add(atom.asText());
    return strings;
  }

  /** UUIDs of a reference column (["uuid","..."] atoms). */
  static Set<String> uuids(JsonNode value) {
    Set<String> uuids = new LinkedHashSet<>();
    for (JsonNode atom : atoms(value)) if (atom.isArray() && atom.size() == 2) uuids.add(atom.get(1).asText());
    return uuids;
  }

  static Map<String, String> stringMap(JsonNode value) {
    Map<String, String> map = new TreeMap<>();
    if (value != null && value.isArray() && value.size() == 2 && "map".equals(value.get(0).asText())) {
      for (JsonNode pair : value.get(1)) map.put(pair.get(0).asText(), pair.get(1).asText());
    }
    return map;
  }

  /** A where clause on one column: [[column, "==", value]]. */
  static ArrayNode where(String column, String value) {
    ArrayNode where = NODES.arrayNode();
    where.addArray().add(column).add("==").add(value);
    return where;
  }

  static ObjectNode insert(String table, String uuidName, ObjectNode row) {
    ObjectNode op = NODES.objectNode().put("op", "insert").put("table", table).put("uuid-name", uuidName);
    op.set("row", row);
    return op;
  }

  static ObjectNode update(String table, ArrayNode where, ObjectNode row) {
    ObjectNode op = NODES.objectNode().put("op", "update").put("table", table);
    op.set("where", where);
    op.set("row", row);
    return op;
  }

  /** Adds references to a set column, keeping the ones already there. */
  static ObjectNode mutateInsert(String table, ArrayNode where, String column, List<? extends JsonNode> refs) {
    ObjectNode op = NODES.objectNode().put("op", "mutate").put("table", table);
    op.set("where", where);
    op.putArray("mutations").addArray().add(column).add("insert").add(set(refs));
    return op;
  }

  /** Removes references from a set column. */
  static ObjectNode mutateDelete(String table, ArrayNode where, String column, List<? extends JsonNode> refs) {
    ObjectNode op = NODES.objectNode().put("op", "mutate").put("table", table);
    op.set("where", where);
    op.putArray("mutations").addArray().add(column).add("delete").add(set(refs));
    return op;
  }
}
