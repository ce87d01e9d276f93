package io.tenet.topology.metrics;

import java.util.List;

/** One named metric with its help text and label names; what a scrape reads is its {@link FamilySnapshot}. */
public sealed interface MetricFamily permits Counter, Gauge, Histogram {
  String name();

  FamilySnapshot snapshot();

  /** Label values must match the family's label names one to one: a mismatch is a programming error. */
  static List<String> checkedValues(String family, List<String> labelNames, String... values) {
    if (values.length != labelNames.size()) {
      throw new IllegalArgumentException(family + " takes labels " + labelNames + ", got " + values.length + " values");
    }
    for (String value : values) if (value == null) throw new IllegalArgumentException(family + ": a label value is null");
    return List.of(values);
  }
}
