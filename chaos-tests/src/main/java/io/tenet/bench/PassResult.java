package io.tenet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One measured pass. Latencies are those of successful creates (201), from just before the request was
 * sent to the complete response; {@code errors} counts every other answer and every failed request.
 *
 * @param ports          ports created (201 answers)
 * @param requests       creates sent; less than asked only if the pass hit its time limit
 * @param notSent        creates skipped because the pass hit its time limit
 * @param seconds        wall time from the first send to the last answer
 * @param portsPerSecond {@code ports / seconds}
 * @param errorKinds     HTTP status or exception name to count
 * @param errorSamples   the first few errors, for a look at what went wrong
 * @param cpuSeconds     CPU seconds used during the pass by bench (this JVM), node, cassandra, and on Linux
 *                       machine (all CPUs) and other (machine minus those three: not the benchmark's)
 * @param cassandraOps   per table of the node's keyspaces: Cassandra reads/writes/scans during the pass
 *                       (only when the benchmark runs its own Cassandra)
 */
record PassResult(
    String name,
    int concurrency,
    int ports,
    int requests,
    int notSent,
    double seconds,
    double portsPerSecond,
    Double p50Ms,
    Double p90Ms,
    Double p99Ms,
    Double maxMs,
    int errors,
    Map<String, Integer> errorKinds,
    List<String> errorSamples,
    Map<String, Double> cpuSeconds,
    Map<String, TableOps> cassandraOps) {

  /** {@code okLatencyNanos}: one entry per successful create, in any order. */
  static PassResult of(String name, int concurrency, long[] okLatencyNanos, int requests, int notSent, long elapsedNanos,
      Map<String, Integer> errorKinds, List<String> errorSamples, Map<String, Double> cpuSeconds,
      Map<String, TableOps> cassandraOps) {
    long[] sorted = okLatencyNanos.clone();
    Arrays.sort(sorted);
    double seconds = elapsedNanos / 1e9;
    int errors = errorKinds.values().stream().mapToInt(Integer::intValue).sum();
    return new PassResult(name, concurrency, sorted.length, requests, notSent, round(seconds, 3),
        seconds > 0 ? round(sorted.length / seconds, 1) : 0.0,
        percentileMs(sorted, 50), percentileMs(sorted, 90), percentileMs(sorted, 99),
        sorted.length == 0 ? null : round(sorted[sorted.length - 1] / 1e6, 2),
        errors, Map.copyOf(errorKinds), List.copyOf(errorSamples), cpuSeconds, cassandraOps);
  }

  /** Nearest rank: the smallest latency that at least {@code percent}% of the creates did not exceed. */
  static Double percentileMs(long[] sorted, double percent) {
    if (sorted.length == 0) return null;
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return round(sorted[Math.max(0, rank - 1)] / 1e6, 2);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
