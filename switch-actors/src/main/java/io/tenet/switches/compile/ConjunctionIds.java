package io.tenet.switches.compile;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Conjunction ids for named conjunctions of one table: each name gets the id its hash gives it, and
 * on a collision the name that sorts later takes the next free id. So an id stays the same while
 * the conjunctions around it come and go (a changed id would rewrite every flow of its clauses),
 * and the same names always get the same ids. Id 0 is never used.
 */
final class ConjunctionIds {
  private ConjunctionIds() {}

  static Map<String, Long> assign(Set<String> names) {
    Map<String, Long> ids = new HashMap<>();
    Set<Long> taken = new HashSet<>();
    for (String name : new TreeSet<>(names)) {
      long id = hash(name);
      while (!taken.add(id)) id = id == 0xffff_ffffL ? 1 : id + 1;
      ids.put(name, id);
    }
    return ids;
  }

  private static long hash(String name) {
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    long value = crc.getValue();
    return value == 0 ? 1 : value;
  }
}
