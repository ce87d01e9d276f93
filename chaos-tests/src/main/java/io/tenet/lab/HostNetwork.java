package io.tenet.lab;

import java.util.ArrayList;
import java.util.List;

/** Reads the machine's network state as iproute2 shows it from the root namespace. */
final class HostNetwork {
  private HostNetwork() {
  }

  static List<String> namespaces() {
    List<String> names = new ArrayList<>();
    // "name (id: 3)" or just "name"
    for (String line : Command.run(List.of("ip", "netns", "list")).split("\n")) {
      if (!line.isBlank()) names.add(line.strip().split("\\s+")[0]);
    }
    return names;
  }

  /** Links of the root namespace, without the "@peer" suffix iproute2 adds to veths. */
  static List<String> links() {
    List<String> names = new ArrayList<>();
    // "26: tlab001-u1@if2: <BROADCAST,...> ..."
    for (String line : Command.run(List.of("ip", "-o", "link", "show")).split("\n")) {
      String[] fields = line.split(":\\s+", 3);
      if (fields.length < 2) continue;
      String name = fields[1];
      int at = name.indexOf('@');
      names.add(at < 0 ? name : name.substring(0, at));
    }
    return names;
  }

  /** Every IPv4 prefix the root namespace has an address in or a route to (default routes excluded). */
  static List<String> ipv4PrefixesInUse() {
    List<String> prefixes = new ArrayList<>();
    // "2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0"
    for (String line : Command.run(List.of("ip", "-4", "-o", "addr", "show")).split("\n")) {
      String[] fields = line.strip().split("\\s+");
      for (int i = 0; i + 1 < fields.length; i++) {
        if (fields[i].equals("inet")) prefixes.add(fields[i + 1]);
      }
    }
    for (String line : Command.run(List.of("ip", "-4", "route", "show", "table", "all")).split("\n")) {
      for (String field : line.strip().split("\\s+")) {
        if (field.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?")) {
          prefixes.add(field.contains("/") ? field : field + "/32");
          break;
        }
      }
    }
    return prefixes;
  }

  static boolean overlaps(String cidr, String otherCidr) {
    String[] first = cidr.split("/");
    String[] second = otherCidr.split("/");
    int bits = Math.min(Integer.parseInt(first[1]), Integer.parseInt(second[1]));
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (toLong(first[0]) & mask) == (toLong(second[0]) & mask);
  }

  private static long toLong(String ip) {
    long value = 0;
    for (String octet : ip.split("\\.")) value = (value << 8) | Integer.parseInt(octet);
    return value;
  }
}
