package io.tenet.switches.trace;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.ConntrackState;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks a packet through a datapath's compiled flows the way Open vSwitch does: in each table the
 * highest-priority flow that matches, its actions in order (set-field, move, write-metadata,
 * output, group: every bucket on its own copy), then goto_table. A pure function of the flows,
 * so the answer to "why did this packet go there" is the same text an operator reads in a dump.
 * It covers exactly the matches and actions {@link io.tenet.switches.compile.FlowCompiler} emits.
 */
public final class PipelineTracer {
  private final CompiledFlows compiled;
  private final long tunnelOfport;

  public PipelineTracer(CompiledFlows compiled, long tunnelOfport) {
    this.compiled = compiled;
    this.tunnelOfport = tunnelOfport;
  }

  /** {@code packet} must carry its in_port; a packet from the tunnel also its tun_id. */
  public PipelineTrace trace(Packet packet) {
    if (packet.get(MatchField.IN_PORT) == null) throw new IllegalArgumentException("a traced packet needs an in_port: " + packet);
    List<TraceStep> steps = new ArrayList<>();
    List<TraceExit> exits = new ArrayList<>();
    Optional<Table> droppedAt = walk(Table.CLASSIFY, packet, steps, exits);
    return new PipelineTrace(packet, steps, exits, droppedAt);
  }

  /** Walks {@code packet} from {@code table} on, adding its steps and exits; the table where it was dropped, if it was. */
  private Optional<Table> walk(Table from, Packet packet, List<TraceStep> steps, List<TraceExit> exits) {
    Packet current = packet;
    Table table = from;
    while (true) {
      Optional<FlowEntry> found = lookup(table, current);
      if (found.isEmpty()) return Optional.of(table);
      FlowEntry flow = found.get();
      Table next = null;
      GroupEntry group = null;
      for (Action action : flow.actions()) {
        if (action instanceof Action.GotoTable go) {
          next = go.table();
        } else if (action instanceof Action.Conntrack ct && ct.table() != null) {
          // the tracked copy resumes there; like ofproto/trace, the trace follows a connection's first packet
          next = ct.table();
          current = current.with(MatchField.CT_STATE, ConntrackState.NEW_CONNECTION);
        } else if (action instanceof Action.ConntrackNat ct) {
          // a connection's first packet: a source or destination translation rewrites it now, a reverse one has nothing to undo
          if (ct.rewrite() == Action.ConntrackNat.NatRewrite.SOURCE) current = current.with(MatchField.IPV4_SRC, ct.address());
          if (ct.rewrite() == Action.ConntrackNat.NatRewrite.DESTINATION) current = current.with(MatchField.IPV4_DST, ct.address());
          current = current.with(MatchField.CT_STATE, ConntrackState.NEW_CONNECTION);
          if (ct.table() != null) next = ct.table();
        } else if (action instanceof Action.Group g) {
          group = group(g.groupId());
          if (group.type() == GroupEntry.Type.ALL) {
            for (GroupEntry.Bucket bucket : group.buckets()) {
              Packet copy = current;
              for (Action bucketAction : bucket.actions()) {
                // a copy resubmitted to a table goes its own way from there (a layer-2 gateway's host: its own gate)
                if (bucketAction instanceof Action.Resubmit resubmit) walk(resubmit.table(), copy, steps, exits);
                else copy = apply(bucketAction, copy, exits);
              }
            }
          } else if (!group.buckets().isEmpty()) {
            // fast failover: the trace cannot know which watched port is live, and follows the first bucket (every peer alive)
            for (Action bucketAction : group.buckets().get(0).actions()) {
              if (bucketAction instanceof Action.Resubmit resubmit) next = resubmit.table();
              else current = apply(bucketAction, current, exits);
            }
          }
        } else {
          current = apply(action, current, exits);
        }
      }
      steps.add(new TraceStep(flow, Optional.ofNullable(group)));
      if (next == null) return flow.actions().isEmpty() ? Optional.of(table) : Optional.empty();
      table = next;
    }
  }

  private Packet apply(Action action, Packet packet, List<TraceExit> exits) {
    if (action instanceof Action.Output output) {
      // OpenFlow never sends a packet back out of its in_port with a plain output (IN_PORT does that)
      if (output.port() == packet.inPort()) return packet;
      // conntrack state belongs to this hypervisor's tracker: the copy leaving through the tunnel arrives untracked
      exits.add(output.port() == tunnelOfport ? TraceExit.IntoTunnel.of(output.port(), packet.without(MatchField.CT_STATE)) : new TraceExit.ToPort(output.port(), packet));
    } else if (action instanceof Action.OutputInPort) {
      exits.add(new TraceExit.ToPort(packet.inPort(), packet));
    } else if (action instanceof Action.ToController) {
      exits.add(new TraceExit.ToController(packet));
    } else if (action instanceof Action.SetField set) {
      return packet.with(set.field(), set.value());
    } else if (action instanceof Action.WriteMetadata write) {
      long old = bits(packet.fields().getOrDefault(MatchField.METADATA, "0x0"));
      return packet.with(MatchField.METADATA, "0x" + Long.toHexString((old & ~write.mask()) | (write.value() & write.mask())));
    } else if (action instanceof Action.Move move) {
      return packet.with(field(move.to()), packet.get(field(move.from())));
    } else if (action instanceof Action.Conntrack || action instanceof Action.ConntrackMark) {
      return packet; // committing changes no header; a ct() with a table is followed where the flow's actions are walked
    } else if (action instanceof Action.PushVlan) {
      return packet.with(MatchField.VLAN_VID, "0x1000"); // the VLAN id follows in a set_field
    } else if (action instanceof Action.PopVlan) {
      return packet.with(MatchField.VLAN_VID, "0x0000"); // OpenFlow 1.3 VLAN_VID of an untagged frame
    } else if (action instanceof Action.DecTtl) {
      return packet; // a traced packet carries no TTL: it is never the reason of a verdict here
    } else {
      throw new IllegalStateException("the tracer does not know " + action.ofctl() + "; teach it before the compiler emits it");
    }
    return packet;
  }

  private GroupEntry group(long groupId) {
    return compiled.groups().stream().filter(g -> g.groupId() == groupId).findFirst()
        .orElseThrow(() -> new IllegalStateException("a flow names group " + groupId + ", which was not compiled"));
  }

  private static MatchField field(String nxm) {
    return switch (nxm) {
      case "NXM_OF_ETH_SRC" -> MatchField.ETH_SRC;
      case "NXM_OF_ETH_DST" -> MatchField.ETH_DST;
      case "NXM_NX_ARP_SHA" -> MatchField.ARP_SHA;
      case "NXM_NX_ARP_THA" -> MatchField.ARP_THA;
      case "NXM_OF_ARP_SPA" -> MatchField.ARP_SPA;
      case "NXM_OF_ARP_TPA" -> MatchField.ARP_TPA;
      case "NXM_OF_IP_SRC" -> MatchField.IPV4_SRC;
      case "NXM_OF_IP_DST" -> MatchField.IPV4_DST;
      default -> throw new IllegalArgumentException("unknown NXM field " + nxm);
    };
  }

  /**
   * The flow a packet meets in {@code table}. By priority, highest first: a plain flow that matches
   * wins; where only conjunctive flows match, a conjunction all of whose clauses matched hands the
   * packet to the flow matching its conj_id, and if none completes, lower priorities are looked at.
   */
  private Optional<FlowEntry> lookup(Table table, Packet packet) {
    List<FlowEntry> matching = compiled.flows().stream()
        .filter(f -> f.table() == table && !f.match().has(MatchField.CONJ_ID) && matches(f, packet.fields()))
        .sorted(Comparator.comparingInt(FlowEntry::priority).reversed())
        .toList();
    int i = 0;
    while (i < matching.size()) {
      int priority = matching.get(i).priority();
      Map<Long, Set<Integer>> satisfied = new TreeMap<>();
      Map<Long, Integer> needed = new HashMap<>();
      for (; i < matching.size() && matching.get(i).priority() == priority; i++) {
        FlowEntry flow = matching.get(i);
        if (!conjunctive(flow)) return Optional.of(flow);
        for (Action action : flow.actions()) {
          Action.Conjunction clause = (Action.Conjunction) action;
          satisfied.computeIfAbsent(clause.id(), id -> new HashSet<>()).add(clause.clause());
          needed.put(clause.id(), clause.clauses());
        }
      }
      for (Map.Entry<Long, Set<Integer>> conjunction : satisfied.entrySet()) {
        if (conjunction.getValue().size() < needed.get(conjunction.getKey())) continue;
        Packet completed = packet.with(MatchField.CONJ_ID, Long.toString(conjunction.getKey()));
        Optional<FlowEntry> acting = compiled.flows().stream()
            .filter(f -> f.table() == table && f.match().has(MatchField.CONJ_ID) && matches(f, completed.fields()))
            .max(Comparator.comparingInt(FlowEntry::priority));
        if (acting.isPresent()) return acting;
      }
    }
    return Optional.empty();
  }

  private static boolean conjunctive(FlowEntry flow) {
    return !flow.actions().isEmpty() && flow.actions().stream().allMatch(a -> a instanceof Action.Conjunction);
  }

  static boolean matches(FlowEntry flow, Map<MatchField, String> packet) {
    for (Map.Entry<MatchField, String> field : flow.match().fields().entrySet()) {
      String actual = packet.get(field.getKey());
      String wanted = field.getValue();
      if (actual == null && (field.getKey() == MatchField.METADATA || field.getKey() == MatchField.CT_MARK)) actual = "0x0";
      if (field.getKey() == MatchField.CT_STATE) {
        if (!ConntrackState.parse(wanted).matches(actual == null ? "-trk" : actual)) return false;
        continue;
      }
      if (actual == null) return false;
      if (wanted.contains("/")) {
        if (!maskedEquals(wanted, actual)) return false;
      } else if (!normalize(wanted).equals(normalize(actual))) {
        return false;
      }
    }
    return true;
  }

  private static boolean maskedEquals(String wanted, String actual) {
    String[] parts = wanted.split("/");
    // an IPv4 mask may be written as a prefix length (10.0.1.0/24)
    long mask = parts[0].contains(".") && !parts[1].contains(".") ? prefixMask(Integer.parseInt(parts[1])) : bits(parts[1]);
    return (bits(actual) & mask) == (bits(parts[0]) & mask);
  }

  private static long prefixMask(int length) {
    return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
  }

  /** A MAC, an IPv4 address, a 0x-prefixed hex or a decimal number as bits. */
  private static long bits(String text) {
    if (text.startsWith("0x")) return Long.parseUnsignedLong(text.substring(2), 16);
    if (text.contains(":")) return Long.parseLong(text.replace(":", ""), 16);
    if (text.contains(".")) {
      long value = 0;
      for (String octet : text.split("\\.")) value = (value << 8) | Long.parseLong(octet);
      return value;
    }
    return Long.parseLong(text);
  }

  private static String normalize(String value) {
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("0x") ? Long.toString(Long.parseUnsignedLong(lower.substring(2), 16)) : lower;
  }
}
