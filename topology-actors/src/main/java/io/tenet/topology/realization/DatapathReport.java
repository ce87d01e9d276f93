package io.tenet.topology.realization;

import java.time.Instant;

/**
 * What a network last heard from one datapath: the newest view version it confirmed (and when)
 * and, since then, any trouble it reported. {@code confirmedVersion} is null when only trouble
 * was heard.
 */
record DatapathReport(String hostname, Long confirmedVersion, Instant confirmedAt, DataplaneTrouble trouble) {}
