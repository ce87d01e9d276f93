package io.tenet.topology.metrics;

/** The TYPE of a family in the Prometheus text format. */
public enum MetricType {
  COUNTER, GAUGE, HISTOGRAM;

  String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
