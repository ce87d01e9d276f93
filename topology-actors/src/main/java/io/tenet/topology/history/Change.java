package io.tenet.topology.history;

import java.time.Instant;
import java.util.Map;

/**
 * One event in an object's history as the API shows it: when, which event ({@code kind}, e.g.
 * {@code network_updated}), who ({@code principal}: {@code admin}, {@code tenant:<id>},
 * {@code datapath:<dpid>}, or {@code tenet} for what the system did by itself; null for events
 * written before principals were recorded), in which request, a sentence, and the fields of the
 * object that changed.
 */
public record Change(String objectId, String objectKind, long sequenceNr, Instant at, String kind, String principal, String requestId, String summary,
    Map<String, FieldChange> changes) {}
