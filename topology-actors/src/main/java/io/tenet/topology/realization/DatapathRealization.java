package io.tenet.topology.realization;

import io.tenet.persistence.TenetSerializable;
import java.time.Instant;

/**
 * One datapath's part in an object's realization: the newest version of the object's network it
 * confirmed by barrier (null: none since the network's entity started) and when, and, unless it
 * is realized, why not.
 */
public record DatapathRealization(String datapathId, String hostname, Long confirmedVersion, Instant confirmedAt, RealizationState state,
    String reason) implements TenetSerializable {}
