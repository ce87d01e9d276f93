package io.tenet.persistence;

/**
 * Marker for every message, event and state that crosses a node boundary or is written to
 * the journal. Bound to Jackson JSON in {@code reference.conf}, so the journal stays
 * readable by a person and fields can be added without breaking old events.
 */
public interface TenetSerializable {}
