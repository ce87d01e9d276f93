package io.tenet.topology.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** A monotonically increasing count per label combination; the name ends in {@code _total}. */
public final class Counter implements MetricFamily {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, DoubleAdder> children = new ConcurrentHashMap<>();

  Counter(String name, String help, List<String> labelNames) {
    this.name = MetricNames.metric(name);
    if (!name.endsWith("_total")) throw new IllegalArgumentException("a counter's name ends in _total: " + name);
    this.help = MetricNames.help(name, help);
    this.labelNames = MetricNames.labels(name, labelNames, false);
    if (labelNames.isEmpty()) children.put(List.of(), new DoubleAdder()); // a count without labels reads 0 before its first event
  }

  @Override
  public String name() {
    return name;
  }

  public void inc(String... labelValues) {
    add(1, labelValues);
  }

  public void add(double amount, String... labelValues) {
    if (!(amount >= 0)) throw new IllegalArgumentException(name + " only goes up, not by " + amount);
    children.computeIfAbsent(MetricFamily.checkedValues(name, labelNames, labelValues), key -> new DoubleAdder()).add(amount);
  }

  /** The current count of one label combination (0 if never counted). */
  public double value(String... labelValues) {
    DoubleAdder adder = children.get(MetricFamily.checkedValues(name, labelNames, labelValues));
    return adder == null ? 0 : adder.sum();
  }

  @Override
  public FamilySnapshot snapshot() {
    List<Sample> samples = children.entrySet().stream()
        .map(child -> new Sample(name, labelNames, child.getKey(), child.getValue().sum()))
        .toList();
    return new FamilySnapshot(name, help, MetricType.COUNTER, samples);
  }
}
