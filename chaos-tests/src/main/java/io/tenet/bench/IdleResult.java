package io.tenet.bench;

import java.util.Map;

/**
 * The baseline: CPU and Cassandra operations of the node and Cassandra while nothing is sent, over
 * {@code seconds}. Subtracting it (scaled to a pass's duration) from a pass shows what the creates cost.
 */
record IdleResult(double seconds, Map<String, Double> cpuSeconds, Map<String, TableOps> cassandraOps) {}
