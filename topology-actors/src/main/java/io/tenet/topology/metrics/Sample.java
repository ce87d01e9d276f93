package io.tenet.topology.metrics;

import java.util.List;

/** One line of a scrape: the full sample name (with a histogram's suffix), label names and values in order, the value. */
public record Sample(String name, List<String> labelNames, List<String> labelValues, double value) {
  public Sample {
    labelNames = List.copyOf(labelNames);
    labelValues = List.copyOf(labelValues);
    if (labelNames.size() != labelValues.size()) throw new IllegalArgumentException("labels and values differ in number");
  }
}
