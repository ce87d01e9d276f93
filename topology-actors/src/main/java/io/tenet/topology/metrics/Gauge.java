package io.tenet.topology.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A value read when scraped, per label combination. The source is set by whoever knows the value
 * (it may come later than the family: the switch listeners start after the metrics exist).
 */
public final class Gauge implements MetricFamily {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private volatile Supplier<Map<List<String>, Double>> source = Map::of;

  Gauge(String name, String help, List<String> labelNames) {
    this.name = MetricNames.metric(name);
    this.help = MetricNames.help(name, help);
    this.labelNames = MetricNames.labels(name, labelNames, false);
  }

  @Override
  public String name() {
    return name;
  }

  /** {@code values}: label values (in the order of the label names) to the value; called on every scrape. */
  public void source(Supplier<Map<List<String>, Double>> values) {
    this.source = values;
  }

  /** For a gauge without labels. */
  public void sourceOfOne(Supplier<Double> value) {
    source(() -> Map.of(List.of(), value.get()));
  }

  @Override
  public FamilySnapshot snapshot() {
    List<Sample> samples = source.get().entrySet().stream()
        .map(child -> new Sample(name, labelNames, child.getKey(), child.getValue()))
        .toList();
    return new FamilySnapshot(name, help, MetricType.GAUGE, samples);
  }
}
