package io.tenet.topology.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The families of one node, by name; a name is registered once. Scrapes list them sorted by name. */
public final class MetricRegistry {
  private final Map<String, MetricFamily> families = new ConcurrentSkipListMap<>();

  public Counter counter(String name, String help, String... labelNames) {
    return register(new Counter(name, help, List.of(labelNames)));
  }

  public Gauge gauge(String name, String help, String... labelNames) {
    return register(new Gauge(name, help, List.of(labelNames)));
  }

  public Histogram histogram(String name, String help, List<Double> bounds, String... labelNames) {
    return register(new Histogram(name, help, List.of(labelNames), bounds));
  }

  private <F extends MetricFamily> F register(F family) {
    if (families.putIfAbsent(family.name(), family) != null) throw new IllegalArgumentException("metric " + family.name() + " is registered already");
    return family;
  }

  public List<FamilySnapshot> snapshot() {
    return families.values().stream().map(MetricFamily::snapshot).toList();
  }

  public String scrape() {
    return TextExposition.write(snapshot());
  }
}
