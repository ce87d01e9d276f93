package io.tenet.topology.history;

import io.tenet.topology.model.Origin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Replays one kind of entity's journal through its pure evolve function: the history of changes
 * (each with who, which request, a sentence and the API fields it changed) and the state at a
 * moment. One instance per entity type, describing how to read it. Pure.
 */
record JournalReplay<S>(String objectKind, S initial, Evolution<S> evolution, Function<S, Object> view, Describer<S> origin, Sentence<S> summary) {
  /** The entity's own state transition; {@code sequenceNr} is the event's place in the journal. */
  @FunctionalInterface
  interface Evolution<S> {
    S apply(S state, Object event, long sequenceNr);
  }

  /** Who caused {@code event}, knowing the state before it (a saga's end is credited to its start). */
  @FunctionalInterface
  interface Describer<S> {
    Origin of(S before, Object event);
  }

  @FunctionalInterface
  interface Sentence<S> {
    String of(S before, Object event);
  }

  List<Change> changes(String objectId, List<JournalEntry> journal) {
    List<Change> changes = new ArrayList<>();
    S state = initial;
    for (JournalEntry entry : journal) {
      S next = evolution.apply(state, entry.event(), entry.sequenceNr());
      Origin who = origin.of(state, entry.event());
      changes.add(new Change(objectId, objectKind, entry.sequenceNr(), entry.at(), EventNames.kind(entry.event()), who == null ? null : who.principal(),
          who == null ? null : who.requestId(), summary.of(state, entry.event()), FieldDiff.between(view.apply(state), view.apply(next))));
      state = next;
    }
    return changes;
  }

  /** The state after every event written at or before {@code at}. */
  S stateAt(List<JournalEntry> journal, Instant at) {
    S state = initial;
    for (JournalEntry entry : journal) {
      if (entry.at().isAfter(at)) break;
      state = evolution.apply(state, entry.event(), entry.sequenceNr());
    }
    return state;
  }
}
