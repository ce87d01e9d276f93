package io.tenet.topology.metrics;

import java.util.List;
import java.util.regex.Pattern;

/** The Prometheus rules for metric and label names, checked once when a family is made. */
final class MetricNames {
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private MetricNames() {}

  static String metric(String name) {
    if (!METRIC.matcher(name).matches()) throw new IllegalArgumentException("not a Prometheus metric name: " + name);
    return name;
  }

  static List<String> labels(String family, List<String> names, boolean histogram) {
    for (String name : names) {
      if (!LABEL.matcher(name).matches() || name.startsWith("__")) throw new IllegalArgumentException(family + ": not a label name: " + name);
      if (histogram && name.equals("le")) throw new IllegalArgumentException(family + ": 'le' is the bucket label of a histogram");
    }
    if (names.stream().distinct().count() != names.size()) throw new IllegalArgumentException(family + ": repeated label name in " + names);
    return List.copyOf(names);
  }

  static String help(String family, String help) {
    if (help == null || help.isBlank()) throw new IllegalArgumentException(family + " needs a help text");
    return help;
  }
}
