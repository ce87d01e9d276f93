package io.tenet.topology.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The fields two versions of an object differ in, named as the API names them. Pure. */
public final class FieldDiff {
  /** Bookkeeping that changes with every change, and what is not history (realization is live state). */
  private static final Set<String> IGNORED = Set.of("updated_at", "revision", "realization");
  private static final ObjectMapper API_NAMES = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private FieldDiff() {}

  /** {@code before} or {@code after} null: the object did not exist then (every field changes). */
  public static Map<String, FieldChange> between(Object before, Object after) {
    JsonNode from = before == null ? API_NAMES.createObjectNode() : API_NAMES.valueToTree(before);
    JsonNode to = after == null ? API_NAMES.createObjectNode() : API_NAMES.valueToTree(after);
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) names.add(it.next());
    for (Iterator<String> it = to.fieldNames(); it.hasNext(); ) names.add(it.next());
    Map<String, FieldChange> changed = new LinkedHashMap<>();
    for (String name : names) {
      if (IGNORED.contains(name)) continue;
      JsonNode a = from.get(name);
      JsonNode b = to.get(name);
      boolean same = a == null ? b == null || b.isNull() : a.equals(b) || (a.isNull() && b == null);
      if (!same) changed.put(name, new FieldChange(a == null || a.isNull() ? null : a, b == null || b.isNull() ? null : b));
    }
    return changed;
  }
}
