package io.tenet.bench;

/**
 * What Cassandra did for one table during a pass, from its {@code system_views.coordinator_*_latency}
 * virtual tables: operation counts, and per port created when ports were created. (Those tables' latency
 * columns are left out: Cassandra 5.0 reports them 1000 times too small, rounded to 0.001.)
 */
record TableOps(long reads, long writes, long scans, Double readsPerPort, Double writesPerPort, Double scansPerPort) {

  static TableOps of(long reads, long writes, long scans, int ports) {
    return new TableOps(reads, writes, scans, perPort(reads, ports), perPort(writes, ports), perPort(scans, ports));
  }

  private static Double perPort(long count, int ports) {
    return ports > 0 ? Math.round(count * 100.0 / ports) / 100.0 : null;
  }
}
