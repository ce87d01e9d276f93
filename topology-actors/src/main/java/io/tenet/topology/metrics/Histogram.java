package io.tenet.topology.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Observations counted into fixed upper bounds, per label combination, with their sum and count. */
public final class Histogram implements MetricFamily {
  /** Seconds, from a fast API read to a slow journal write or reconcile. */
  public static final List<Double> SECONDS = List.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final double[] bounds;
  private final Map<List<String>, Child> children = new ConcurrentHashMap<>();

  /** Bucket counts are not cumulative here; the scrape makes them so. Guarded by itself: a scrape sees whole observations. */
  private static final class Child {
    final long[] counts;
    double sum;
    long count;

    Child(int buckets) {
      counts = new long[buckets + 1];
    }
  }

  Histogram(String name, String help, List<String> labelNames, List<Double> bounds) {
    this.name = MetricNames.metric(name);
    this.help = MetricNames.help(name, help);
    this.labelNames = MetricNames.labels(name, labelNames, true);
    this.bounds = bounds.stream().mapToDouble(Double::doubleValue).toArray();
    if (this.bounds.length == 0) throw new IllegalArgumentException(name + " needs at least one bucket");
    for (int i = 0; i < this.bounds.length; i++) {
      if (!Double.isFinite(this.bounds[i]) || (i > 0 && this.bounds[i] <= this.bounds[i - 1])) {
        throw new IllegalArgumentException(name + ": bucket bounds must be finite and increasing: " + bounds);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  public void observe(double value, String... labelValues) {
    if (Double.isNaN(value)) throw new IllegalArgumentException(name + ": cannot observe NaN");
    Child child = children.computeIfAbsent(MetricFamily.checkedValues(name, labelNames, labelValues), key -> new Child(bounds.length));
    int bucket = Arrays.binarySearch(bounds, value);
    int index = bucket >= 0 ? bucket : -bucket - 1; // le is inclusive: a value equal to a bound counts in that bucket
    synchronized (child) {
      child.counts[index]++;
      child.sum += value;
      child.count++;
    }
  }

  /** Observations so far of one label combination. */
  public long count(String... labelValues) {
    Child child = children.get(MetricFamily.checkedValues(name, labelNames, labelValues));
    if (child == null) return 0;
    synchronized (child) {
      return child.count;
    }
  }

  @Override
  public FamilySnapshot snapshot() {
    List<String> bucketLabels = new ArrayList<>(labelNames);
    bucketLabels.add("le");
    List<Sample> samples = new ArrayList<>();
    children.forEach((values, child) -> {
      long[] counts;
      double sum;
      long count;
      synchronized (child) {
        counts = child.counts.clone();
        sum = child.sum;
        count = child.count;
      }
      long cumulative = 0;
      for (int i = 0; i <= bounds.length; i++) {
        cumulative += counts[i];
        List<String> withLe = new ArrayList<>(values);
        withLe.add(i < bounds.length ? TextExposition.number(bounds[i]) : "+Inf");
        samples.add(new Sample(name + "_bucket", bucketLabels, withLe, cumulative));
      }
      samples.add(new Sample(name + "_sum", labelNames, values, sum));
      samples.add(new Sample(name + "_count", labelNames, values, count));
    });
    return new FamilySnapshot(name, help, MetricType.HISTOGRAM, samples);
  }
}
