package io.tenet.topology.history;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
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

  @Override
  public CompletionStage<List<JournalEntry>> read(String persistenceId) {
    // looked up on first use (the extension keeps it): a node that never reads history never starts the read side
    String plugin = system.settings().config().getString("tenet.history.read-journal");
    CurrentEventsByPersistenceIdQuery queries = PersistenceQuery.get(system.classicSystem()).getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, plugin);
    return queries.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(envelope -> new JournalEntry(envelope.sequenceNr(), Instant.ofEpochMilli(envelope.timestamp()), envelope.event()))
        .runWith(Sink.seq(), system);
  }
}
