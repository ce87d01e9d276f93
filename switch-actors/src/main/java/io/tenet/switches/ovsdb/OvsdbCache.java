package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitored part of the database, as the monitor reported it: table -> row uuid -> row (only the
 * monitored columns). Written on the event loop, read from anywhere, hence synchronized; readers get copies.
 */
public final class OvsdbCache {
  /** One row's change from one update; {@code before} or {@code after} is null for an insert or a delete. */
  record Change(String table, String uuid, ObjectNode before, ObjectNode after) {}

  private final Map<String, Map<String, ObjectNode>> tables = new LinkedHashMap<>();

  /**
   * Applies RFC 7047 {@code <table-updates>}: a row with "new" is inserted or modified, one
   * without it deleted. "new" is merged into the row we had, so a server that sent only the
   * changed columns would still leave a complete row.
   */
  synchronized List<Change> apply(JsonNode tableUpdates) {
    List<Change> changes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> t = tableUpdates.fields(); t.hasNext(); ) {
      Map.Entry<String, JsonNode> table = t.next();
      Map<String, ObjectNode> rows = tables.computeIfAbsent(table.getKey(), k -> new LinkedHashMap<>());
      for (Iterator<Map.Entry<String, JsonNode>> r = table.getValue().fields(); r.hasNext(); ) {
        Map.Entry<String, JsonNode> row = r.next();
        ObjectNode before = rows.get(row.getKey());
        JsonNode update = row.getValue().get("new");
        ObjectNode after = null;
        if (update instanceof ObjectNode fresh) {
          after = before == null ? Ovsdb.NODES.objectNode() : before.deepCopy();
          after.setAll(fresh);
          rows.put(row.getKey(), after);
        } else {
          rows.remove(row.getKey());
        }
        changes.add(new Change(table.getKey(), row.getKey(), before, after));
      }
    }
    return changes;
  }

  /** Copies of the table's rows by uuid; empty for a table never reported. */
  public synchronized Map<String, ObjectNode> rows(String table) {
    Map<String, ObjectNode> copy = new LinkedHashMap<>();
    tables.getOrDefault(table, Map.of()).forEach((uuid, row) -> copy.put(uuid, row.deepCopy()));
    return copy;
  }

  /** The row of {@code table} whose {@code name} column is {@code name}. */
  public Optional<Map.Entry<String, ObjectNode>> named(String table, String name) {
    return rows(table).entrySet().stream().filter(e -> name.equals(e.getValue().path("name").asText(null))).findFirst();
  }

  /** The single Open_vSwitch row's external_ids (empty until the monitor's initial state arrived). */
  public Map<String, String> openVswitchExternalIds() {
    return rows("Open_vSwitch").values().stream().findFirst().map(row -> Ovsdb.stringMap(row.get("external_ids"))).orElse(Map.of());
  }
}
