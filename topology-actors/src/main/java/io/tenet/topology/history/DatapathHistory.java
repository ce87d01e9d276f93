package io.tenet.topology.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A datapath's journal as a history (its entity lives in the switch module, so its events are
 * described field by field): the hypervisor seen, each mastership term begun, and repairs with
 * the flows they corrected. Pure.
 */
public final class DatapathHistory {
  public static final String KIND = "datapath";

  private DatapathHistory() {}

  /** The datapath entity's persistence id, as sharding names it. */
  public static String persistenceId(String datapathId) {
    return "Datapath|" + datapathId;
  }

  public static List<Change> changes(String datapathId, List<JournalEntry> journal) {
    List<Change> changes = new ArrayList<>();
    for (JournalEntry entry : journal) {
      changes.add(new Change(datapathId, KIND, entry.sequenceNr(), entry.at(), EventNames.kind(entry.event()), EventNames.SYSTEM, null,
          EventNames.generic(entry.event()), Map.of()));
    }
    return changes;
  }
}
