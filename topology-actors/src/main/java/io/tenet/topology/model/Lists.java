package io.tenet.topology.model;

import java.util.List;

/** List fields of persisted records: an event written before a list field existed reads it as empty. */
public final class Lists {
  private Lists() {}

  public static <T> List<T> copyOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
