package io.tenet.bench;

import io.tenet.lab.Hypervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a hypervisor's br-int holds, as {@code ovs-ofctl dump-flows} and {@code dump-groups} print
 * it without what changes by itself (counters, ages, durations), sorted: two snapshots are equal
 * exactly when the switch forwards the same way.
 */
record FlowTables(List<String> flows, List<String> groups) {
  private static final Pattern DURATION = Pattern.compile("\\bduration=([0-9.]+)s");
  private static final Pattern COUNTERS = Pattern.compile("\\s*\\b(duration|n_packets|n_bytes|idle_age|hard_age|packet_count|byte_count)=[^,\\s]*,?");

  static FlowTables of(Hypervisor hv) {
    return new FlowTables(normalized(hv.ofctl("dump-flows", "br-int")), normalized(hv.ofctl("dump-groups", "br-int")));
  }

  /** Each entry of a dump without its counters, sorted; the reply's header lines are left out. */
  static List<String> normalized(String dump) {
    TreeSet<String> entries = new TreeSet<>();
    for (String line : dump.split("\n")) {
      if (line.isBlank() || line.startsWith("OFP")) continue;
      entries.add(COUNTERS.matcher(line).replaceAll("").strip());
    }
    return List.copyOf(entries);
  }

  /** Flows installed less than a given time ago: how many, and the age of the youngest. */
  record Installs(int count, double youngestSeconds) {}

  /** The flows of a {@code dump-flows} whose duration (OVS counts it from the flow's last add) is under {@code seconds}. */
  static Installs installedWithin(String dump, double seconds) {
    int count = 0;
    double youngest = Double.MAX_VALUE;
    for (String line : dump.split("\n")) {
      java.util.regex.Matcher duration = DURATION.matcher(line);
      if (!duration.find()) continue;
      double age = Double.parseDouble(duration.group(1));
      if (age < seconds) {
        count++;
        youngest = Math.min(youngest, age);
      }
    }
    return new Installs(count, count == 0 ? 0 : youngest);
  }

  int size() {
    return flows.size() + groups.size();
  }

  /** How many entries of {@code expected} these tables lack plus how many they hold beyond it. */
  int differingEntries(FlowTables expected) {
    return missing(expected).size() + expected.missing(this).size();
  }

  /** For a message: how many entries each side lacks, and the first few of them. */
  String difference(FlowTables expected) {
    List<String> missing = missing(expected);
    List<String> extra = expected.missing(this);
    return missing.size() + " missing " + missing.stream().limit(3).toList() + ", " + extra.size() + " unexpected " + extra.stream().limit(3).toList();
  }

  private List<String> missing(FlowTables expected) {
    List<String> missing = new ArrayList<>(expected.flows);
    missing.removeAll(new java.util.HashSet<>(flows));
    List<String> missingGroups = new ArrayList<>(expected.groups);
    missingGroups.removeAll(new java.util.HashSet<>(groups));
    missing.addAll(missingGroups);
    return missing;
  }
}
