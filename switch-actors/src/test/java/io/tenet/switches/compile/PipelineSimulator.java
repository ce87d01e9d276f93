package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a packet through compiled flows the way OVS would (highest priority match per table,
 * goto forward, groups copy), so tests can say "this packet leaves on port 3" instead of
 * comparing text. Covers exactly the matches and actions the compiler emits.
 */
final class PipelineSimulator {
  /** Where a copy of the packet ended: out of a port (with the tunnel fields when it is the tunnel), or to the controller. */
  record Delivery(long port, String tunId, String tunDst, Map<MatchField, String> packet) {}

  /** The fate of a packet: its deliveries, and the table where it was dropped if it was. */
  record Verdict(List<Delivery> deliveries, boolean toController, Optional<Table> droppedIn) {
    List<Long> ports() {
      return deliveries.stream().map(Delivery::port).sorted().toList();
    }
  }

  static final long IN_PORT = -1;
  private final CompiledFlows compiled;

  PipelineSimulator(CompiledFlows compiled) {
    this.compiled = compiled;
  }

  Verdict send(long inPort, Map<MatchField, String> headers) {
    EnumMap<MatchField, String> packet = new EnumMap<>(MatchField.class);
    packet.putAll(headers);
    packet.put(MatchField.IN_PORT, Long.toString(inPort));
    List<Delivery> deliveries = new ArrayList<>();
    boolean[] controller = {false};
    Table table = Table.CLASSIFY;
    while (true) {
      FlowEntry flow = lookup(table, packet);
      Table next = null;
      if (flow.actions().isEmpty()) return new Verdict(deliveries, controller[0], Optional.of(table));
      for (Action action : flow.actions()) {
        if (action instanceof Action.GotoTable go) next = go.table();
        else if (action instanceof Action.Group group) {
          GroupEntry entry = compiled.groups().stream().filter(g -> g.groupId() == group.groupId()).findFirst().orElseThrow();
          for (List<Action> bucket : entry.buckets()) {
            EnumMap<MatchField, String> copy = new EnumMap<>(packet);
            for (Action bucketAction : bucket) apply(bucketAction, copy, deliveries, controller);
          }
        } else apply(action, packet, deliveries, controller);
      }
      if (next == null) return new Verdict(deliveries, controller[0], Optional.empty());
      table = next;
    }
  }

  private static void apply(Action action, EnumMap<MatchField, String> packet, List<Delivery> out, boolean[] controller) {
    if (action instanceof Action.Output o) {
      // OpenFlow never sends a packet back out of its in_port with a plain output
      if (!Long.toString(o.port()).equals(packet.get(MatchField.IN_PORT))) {
        out.add(new Delivery(o.port(), packet.get(MatchField.TUN_ID), packet.get(MatchField.TUN_DST), new EnumMap<>(packet)));
      }
    } else if (action instanceof Action.OutputInPort) {
      out.add(new Delivery(Long.parseLong(packet.get(MatchField.IN_PORT)), null, null, new EnumMap<>(packet)));
    } else if (action instanceof Action.ToController) {
      controller[0] = true;
    } else if (action instanceof Action.SetField s) {
      packet.put(s.field(), s.value());
    } else if (action instanceof Action.WriteMetadata m) {
      long old = Long.parseUnsignedLong(packet.getOrDefault(MatchField.METADATA, "0x0").substring(2), 16);
      packet.put(MatchField.METADATA, "0x" + Long.toHexString((old & ~m.mask()) | (m.value() & m.mask())));
    } else if (action instanceof Action.Move m) {
      packet.put(field(m.to()), packet.get(field(m.from())));
    } else {
      throw new IllegalStateException("not expected here: " + action);
    }
  }

  private static MatchField field(String nxm) {
    return switch (nxm) {
      case "NXM_OF_ETH_SRC" -> MatchField.ETH_SRC;
      case "NXM_OF_ETH_DST" -> MatchField.ETH_DST;
      case "NXM_NX_ARP_SHA" -> MatchField.ARP_SHA;
      case "NXM_NX_ARP_THA" -> MatchField.ARP_THA;
      case "NXM_OF_ARP_SPA" -> MatchField.ARP_SPA;
      case "NXM_OF_ARP_TPA" -> MatchField.ARP_TPA;
      default -> throw new IllegalArgumentException(nxm);
    };
  }

  private FlowEntry lookup(Table table, Map<MatchField, String> packet) {
    return compiled.flows().stream()
        .filter(f -> f.table() == table && matches(f, packet))
        .max(Comparator.comparingInt(FlowEntry::priority))
        .orElseThrow(() -> new IllegalStateException("no flow, not even a miss, in " + table));
  }

  private static boolean matches(FlowEntry flow, Map<MatchField, String> packet) {
    for (Map.Entry<MatchField, String> field : flow.match().fields().entrySet()) {
      String actual = packet.get(field.getKey());
      String wanted = field.getValue();
      if (actual == null && field.getKey() == MatchField.METADATA) actual = "0x0";
      if (actual == null) return false;
      if (wanted.contains("/")) {
        if (!maskedEquals(wanted, actual)) return false;
      } else if (!normalize(wanted).equals(normalize(actual))) return false;
    }
    return true;
  }

  private static boolean maskedEquals(String wanted, String actual) {
    String[] parts = wanted.split("/");
    long value = bits(parts[0]);
    long mask = bits(parts[1]);
    return (bits(actual) & mask) == (value & mask);
  }

  /** A MAC or a 0x-prefixed hex number as bits. */
  private static long bits(String text) {
    return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text.replace(":", ""), 16);
  }

  private static String normalize(String value) {
    return value.startsWith("0x") ? Long.toString(Long.parseLong(value.substring(2), 16)) : value;
  }
}
