package io.tenet.topology.metrics;

import java.util.List;

/** What one family holds at the moment of a scrape. */
public record FamilySnapshot(String name, String help, MetricType type, List<Sample> samples) {
  public FamilySnapshot {
    samples = List.copyOf(samples);
  }
}
