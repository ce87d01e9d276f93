package io.tenet.switches.compile;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Numbers for names (conjunction ids of one table, exit groups of one datapath): each name gets the
 * number its hash gives it within {@code mask}, and on a collision the name that sorts later takes
 * the next free one. So a number stays the same while the names around it come and go (a changed
 * number would rewrite every flow that uses it), and the same names always get the same numbers.
 * Number 0 is never used.
 */
public final class HashedIds {
  private HashedIds() {}

  public static Map<String, Long> assign(Set<String> names, long mask) {
    if (names.size() >= mask) throw new IllegalArgumentException(names.size() + " names do not fit in " + mask + " numbers");
    Map<String, Long> ids = new HashMap<>();
    Set<Long> taken = new HashSet<>();
    for (String name : new TreeSet<>(names)) {
      long id = hash(name, mask);
      while (!taken.add(id)) id = id == mask ? 1 : id + 1;
      ids.put(name, id);
    }
    return ids;
  }

  private static long hash(String name, long mask) {
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    long value = crc.getValue() & mask;
    return value == 0 ? 1 : value;
  }
}
