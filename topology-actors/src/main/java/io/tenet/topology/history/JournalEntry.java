package io.tenet.topology.history;

import java.time.Instant;

/** One event as the journal holds it: its place in the entity's journal, when it was written, and the event. */
public record JournalEntry(long sequenceNr, Instant at, Object event) {}
