package io.tenet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How results are printed: an aligned table for people (the columns a command chooses), or the
 * API's document for scripts, as JSON or as the same tree in YAML.
 */
enum Output {
  TABLE, JSON, YAML;

  private static final YAMLMapper YAML_MAPPER = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build();

  /** One column: its header and how to read it from an object. */
  record Column(String header, Function<JsonNode, String> value) {
    static Column field(String header, String path) {
      return new Column(header, node -> text(node.at(path)));
    }

    /** One field of every element of an array, comma-separated: a network's CIDRs, a router's addresses. */
    static Column joined(String header, String arrayPath, String fieldPath) {
      return new Column(header, node -> {
        StringBuilder joined = new StringBuilder();
        node.at(arrayPath).forEach(element -> joined.append(joined.isEmpty() ? "" : ",").append(text(element.at(fieldPath))));
        return joined.isEmpty() ? "-" : joined.toString();
      });
    }
  }

  void list(PrintWriter out, JsonNode items, List<Column> columns) {
    if (this != TABLE) {
      document(out, items);
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
    if (this != TABLE) {
      document(out, item);
      return;
    }
    int width = 0;
    for (var names = item.fieldNames(); names.hasNext(); ) width = Math.max(width, names.next().length());
    for (var fields = item.fields(); fields.hasNext(); ) {
      var field = fields.next();
      out.println(field.getKey() + " ".repeat(width - field.getKey().length() + 2) + text(field.getValue()));
    }
  }

  /** The API's document as it came, for scripts. */
  void document(PrintWriter out, JsonNode document) {
    if (this == YAML) {
      try {
        // println, not print: the CLI's writers flush on println only
        out.println(YAML_MAPPER.writeValueAsString(document).stripTrailing());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree is always YAML", e);
      }
    } else {
      out.println(document.toPrettyString());
    }
  }

  static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) return "-";
    if (value.isValueNode()) return value.asText();
    return value.toString();
  }
}
