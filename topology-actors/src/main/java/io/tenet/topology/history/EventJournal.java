package io.tenet.topology.history;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads an entity's whole journal, oldest first; an entity that never wrote has none. */
public interface EventJournal {
  CompletionStage<List<JournalEntry>> read(String persistenceId);
}
