package io.tenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How results are printed: an aligned table for people (the columns a command chooses), or the API's JSON for scripts. */
enum Output {
  TABLE, JSON;

  /** One column: its header and how to read it from an object. */
  record Column(String header, Function<JsonNode, String> value) {
    static Column field(String header, String path) {
      return new Column(header, node -> text(node.at(path)));
    }
  }

  void list(PrintWriter out, JsonNode items, List<Column> columns) {
    if (this == JSON) {
      out.println(items.toPrettyString());
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(columns.stream().map(Column::header).toList());
    for (JsonNode item : items) rows.add(columns.stream().map(c -> c.value().apply(item)).toList());
    int[] widths = new int[columns.size()];
    for (List<String> row : rows) for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(i == row.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** One object: as a two-column table of its fields, or JSON. */
  void one(PrintWriter out, JsonNode item) {
    if (this == JSON) {
      out.println(item.toPrettyString());
      return;
    }
    int width = 0;
    for (var names = item.fieldNames(); names.hasNext(); ) width = Math.max(width, names.next().length());
    for (var fields = item.fields(); fields.hasNext(); ) {
      var field = fields.next();
      out.println(field.getKey() + " ".repeat(width - field.getKey().length() + 2) + text(field.getValue()));
    }
  }

  static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) return "-";
    if (value.isValueNode()) return value.asText();
    return value.toString();
  }
}
