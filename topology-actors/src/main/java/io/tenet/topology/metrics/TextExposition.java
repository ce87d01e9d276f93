package io.tenet.topology.metrics;

import java.util.List;

/** The Prometheus text exposition format, version 0.0.4: pure, from snapshots to text. */
public final class TextExposition {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private TextExposition() {}

  public static String write(List<FamilySnapshot> families) {
    StringBuilder out = new StringBuilder();
    for (FamilySnapshot family : families) {
      out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
      out.append("# TYPE ").append(family.name()).append(' ').append(family.type().text()).append('\n');
      for (Sample sample : family.samples()) {
        out.append(sample.name());
        if (!sample.labelNames().isEmpty()) {
          out.append('{');
          for (int i = 0; i < sample.labelNames().size(); i++) {
            if (i > 0) out.append(',');
            out.append(sample.labelNames().get(i)).append("=\"").append(escapeLabelValue(sample.labelValues().get(i))).append('"');
          }
          out.append('}');
        }
        out.append(' ').append(number(sample.value())).append('\n');
      }
    }
    return out.toString();
  }

  /** Whole numbers without a fraction (counts read best so), others as Java prints them (Prometheus reads either). */
  static String number(double value) {
    if (Double.isNaN(value)) return "NaN";
    if (Double.isInfinite(value)) return value > 0 ? "+Inf" : "-Inf";
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
    return Double.toString(value);
  }

  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
