package io.tenet.topology.history;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The journal through Pekko Persistence Query: the read journal named by
 * {@code tenet.history.read-journal} (Cassandra's in a node). Events are never deleted on
 * snapshot, so every journal is complete.
 */
public final class QueryJournal implements EventJournal {
  private final ActorSystem<?> system;

  public QueryJournal(ActorSystem<?> system) {
    this.system = system;
  }

  /** The write time the journal gives; from a time-based (v1) UUID offset when it gives none. */
  static Instant writtenAt(EventEnvelope envelope) {
    if (envelope.timestamp() > 0) return Instant.ofEpochMilli(envelope.timestamp());
    if (envelope.offset() instanceof TimeBasedUUID uuid && uuid.value().version() == 1) {
      // 100 ns intervals since 1582-10-15, the Gregorian reform
      return Instant.ofEpochMilli((uuid.value().timestamp() - GREGORIAN_TO_UNIX_100NS) / 10_000);
    }
    return Instant.EPOCH;
  }

  private static final long GREGORIAN_TO_UNIX_100NS = 0x01b21dd213814000L;

  @Override
  public CompletionStage<List<JournalEntry>> read(String persistenceId) {
    // looked up on first use (the extension keeps it): a node that never reads history never starts the read side
    String plugin = system.settings().config().getString("tenet.history.read-journal");
    CurrentEventsByPersistenceIdQuery queries = PersistenceQuery.get(system.classicSystem()).getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, plugin);
    return queries.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(envelope -> new JournalEntry(envelope.sequenceNr(), writtenAt(envelope), envelope.event()))
        .runWith(Sink.seq(), system);
  }
}
