package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.history.DatapathHistory;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.Test;

/** The history names the datapath journal without seeing this module: both must name the same one. */
class DatapathJournalNameTest {
  @Test
  void theHistoryReadsTheJournalTheEntityWrites() {
    assertEquals(PersistenceId.of(DatapathEntity.ENTITY_KEY.name(), "00000a1b2c3d4e5f").id(), DatapathHistory.persistenceId("00000a1b2c3d4e5f"));
  }
}
