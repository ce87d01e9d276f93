package io.tenet.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, written from the format's
 * description: it refuses anything a Prometheus server would refuse, and a little more that
 * a well-behaved exporter never does (samples outside their declared family, a family split in
 * two, histograms whose buckets disagree with their count).
 */
final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  record Sample(String name, Map<String, String> labels, double value) {}

  record Family(String name, String type, String help, List<Sample> samples) {}

  static final class FormatException extends RuntimeException {
    FormatException(int line, String message) {
      super("line " + line + ": " + message);
    }
  }

  private final Map<String, Family> families;

  private PrometheusText(Map<String, Family> families) {
    this.families = families;
  }

  Map<String, Family> families() {
    return families;
  }

  Family family(String name) {
    Family family = families.get(name);
    if (family == null) throw new AssertionError("no family " + name + " in " + families.keySet());
    return family;
  }

  /** The value of one series, or 0 when it is absent (a counter not yet incremented). */
  double value(String sampleName, Map<String, String> labels) {
    return samples(sampleName, s -> s.labels().equals(labels)).stream().mapToDouble(Sample::value).sum();
  }

  List<Sample> samples(String sampleName, Predicate<Sample> filter) {
    return families.values().stream().flatMap(f -> f.samples().stream()).filter(s -> s.name().equals(sampleName)).filter(filter).toList();
  }

  static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) throw new FormatException(0, "the last line does not end with a newline");
    Map<String, Family> families = new LinkedHashMap<>();
    Map<String, String> helps = new HashMap<>();
    Set<String> closed = new HashSet<>();
    Set<String> series = new HashSet<>();
    String current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      int number = i + 1;
      String line = lines[i];
      if (line.isEmpty()) continue;
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[0].equals("#") && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String name = parts[2];
          if (!METRIC_NAME.matcher(name).matches()) throw new FormatException(number, "bad metric name " + name);
          if (parts[1].equals("HELP")) {
            if (helps.containsKey(name)) throw new FormatException(number, "second HELP for " + name);
            helps.put(name, unescapeHelp(number, parts.length > 3 ? parts[3] : ""));
          } else {
            if (parts.length != 4 || !TYPES.contains(parts[3])) throw new FormatException(number, "bad TYPE line: " + line);
            if (families.containsKey(name)) throw new FormatException(number, "second TYPE for " + name);
            if (current != null) closed.add(current);
            current = name;
            families.put(name, new Family(name, parts[3], null, new ArrayList<>()));
          }
        }
        continue; // any other comment
      }
      Sample sample = sample(number, line);
      if (current == null || !belongsTo(sample.name(), current, families.get(current).type())) {
        throw new FormatException(number, "sample " + sample.name() + " outside its family's TYPE block (current: " + current + ")");
      }
      String key = sample.name() + new TreeMap<>(sample.labels());
      if (!series.add(key)) throw new FormatException(number, "duplicate series " + key);
      families.get(current).samples().add(sample);
    }
    for (String name : helps.keySet()) if (!families.containsKey(name)) throw new FormatException(0, "HELP without TYPE for " + name);
    Map<String, Family> result = new LinkedHashMap<>();
    families.forEach((name, family) -> result.put(name, new Family(name, family.type(), helps.get(name), List.copyOf(family.samples()))));
    result.values().forEach(PrometheusText::checkFamily);
    return new PrometheusText(result);
  }

  private static boolean belongsTo(String sampleName, String family, String type) {
    return switch (type) {
      case "histogram" -> sampleName.equals(family + "_bucket") || sampleName.equals(family + "_sum") || sampleName.equals(family + "_count");
      case "summary" -> sampleName.equals(family) || sampleName.equals(family + "_sum") || sampleName.equals(family + "_count");
      default -> sampleName.equals(family);
    };
  }

  private static void checkFamily(Family family) {
    if (family.type().equals("counter")) {
      for (Sample s : family.samples()) if (!(s.value() >= 0)) throw new FormatException(0, "counter " + s + " is negative or NaN");
    }
    if (!family.type().equals("histogram")) return;
    Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
    Map<Map<String, String>, Double> counts = new HashMap<>();
    Set<Map<String, String>> sums = new HashSet<>();
    for (Sample s : family.samples()) {
      if (s.name().endsWith("_bucket")) {
        Map<String, String> rest = new HashMap<>(s.labels());
        String le = rest.remove("le");
        if (le == null) throw new FormatException(0, family.name() + ": a bucket without le: " + s);
        double bound = parseValue(0, le);
        if (buckets.computeIfAbsent(rest, k -> new TreeMap<>()).put(bound, s.value()) != null) throw new FormatException(0, "repeated le in " + s);
      } else if (s.name().endsWith("_count")) {
        if (s.labels().containsKey("le")) throw new FormatException(0, "le on a count: " + s);
        counts.put(s.labels(), s.value());
      } else {
        if (s.labels().containsKey("le")) throw new FormatException(0, "le on a sum: " + s);
        sums.add(s.labels());
      }
    }
    if (!buckets.keySet().equals(counts.keySet()) || !counts.keySet().equals(sums)) {
      throw new FormatException(0, family.name() + ": buckets, sums and counts do not cover the same label sets");
    }
    buckets.forEach((labels, byBound) -> {
      if (!byBound.containsKey(Double.POSITIVE_INFINITY)) throw new FormatException(0, family.name() + labels + ": no le=\"+Inf\" bucket");
      double previous = 0;
      for (double cumulative : byBound.values()) {
        if (cumulative < previous) throw new FormatException(0, family.name() + labels + ": buckets are not cumulative");
        previous = cumulative;
      }
      if (byBound.get(Double.POSITIVE_INFINITY).doubleValue() != counts.get(labels)) {
        throw new FormatException(0, family.name() + labels + ": the +Inf bucket differs from _count");
      }
    });
  }

  /** name, optional {labels}, a space, the value, optionally a space and an integer timestamp. */
  private static Sample sample(int number, String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
    String name = line.substring(0, i);
    if (!METRIC_NAME.matcher(name).matches()) throw new FormatException(number, "bad sample name '" + name + "'");
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        if (i >= line.length()) throw new FormatException(number, "unterminated label set");
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0) throw new FormatException(number, "label without =");
        String label = line.substring(i, eq);
        if (!LABEL_NAME.matcher(label).matches()) throw new FormatException(number, "bad label name '" + label + "'");
        if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') throw new FormatException(number, "label value not quoted");
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (true) {
          if (j >= line.length()) throw new FormatException(number, "unterminated label value");
          char c = line.charAt(j);
          if (c == '"') break;
          if (c == '\\') {
            if (j + 1 >= line.length()) throw new FormatException(number, "dangling backslash");
            char escaped = line.charAt(j + 1);
            switch (escaped) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> throw new FormatException(number, "bad escape \\" + escaped);
            }
            j += 2;
          } else {
            value.append(c);
            j++;
          }
        }
        if (labels.put(label, value.toString()) != null) throw new FormatException(number, "label " + label + " twice");
        i = j + 1;
        if (i < line.length() && line.charAt(i) == ',') i++;
        else if (i >= line.length() || line.charAt(i) != '}') throw new FormatException(number, "expected , or } after a label");
      }
    }
    if (i >= line.length() || line.charAt(i) != ' ') throw new FormatException(number, "no space before the value");
    String[] rest = line.substring(i + 1).split(" ", -1);
    if (rest.length < 1 || rest.length > 2) throw new FormatException(number, "expected a value and an optional timestamp: " + line);
    double value = parseValue(number, rest[0]);
    if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) throw new FormatException(number, "bad timestamp " + rest[1]);
    return new Sample(name, labels, value);
  }

  /** Go's float syntax as Prometheus reads it: decimal or exponent notation, +Inf, -Inf, NaN. */
  static double parseValue(int number, String text) {
    switch (text) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) throw new FormatException(number, "bad value '" + text + "'");
        return Double.parseDouble(text);
      }
    }
  }

  private static String unescapeHelp(int number, String help) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 >= help.length()) throw new FormatException(number, "dangling backslash in HELP");
      char escaped = help.charAt(++i);
      if (escaped == '\\') out.append('\\');
      else if (escaped == 'n') out.append('\n');
      else throw new FormatException(number, "bad escape in HELP: \\" + escaped);
    }
    return out.toString();
  }
}
