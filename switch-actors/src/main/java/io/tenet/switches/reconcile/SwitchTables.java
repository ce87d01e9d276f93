package io.tenet.switches.reconcile;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.openflow.DumpedFlow;
import io.tenet.switches.openflow.DumpedGroup;
import io.tenet.switches.openflow.LoxiTranslation;
import io.tenet.switches.openflow.WireBytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows and groups of one switch in the form both sides of a diff reduce to: what the
 * compiler wants ({@link #desired}) and what a flow-stats and group-desc dump found
 * ({@link #installed}). Both go through the same wire encoding, so equal means equal on the switch.
 */
public record SwitchTables(Map<FlowKey, SwitchFlow> flows, Map<Long, SwitchGroup> groups) {
  public static final SwitchTables EMPTY = new SwitchTables(Map.of(), Map.of());
  /** OFPGT_ALL, the only group type the compiler makes. */
  static final int GROUP_TYPE_ALL = 0;
  /**
   * One object per distinct flow in the whole node: a remote port's flows are the same bytes on
   * every other datapath of its network, so a node mastering many datapaths keeps them once.
   * Weak, so a flow no datapath holds any more goes. (Guava comes with Loxi, whose API uses it.)
   */
  private static final Interner<SwitchFlow> FLOWS = Interners.newWeakInterner();
  private static final Interner<SwitchGroup> GROUPS = Interners.newWeakInterner();

  public SwitchTables {
    flows = Map.copyOf(flows);
    groups = Map.copyOf(groups);
  }

  /** Translates the compiler's output; a flow OpenFlow 1.3 cannot express fails here, before anything is sent. */
  public static SwitchTables desired(CompiledFlows compiled) {
    Map<FlowKey, SwitchFlow> flows = new HashMap<>();
    for (FlowEntry flow : compiled.flows()) {
      SwitchFlow interned = TranslatedFlows.of(flow);
      SwitchFlow previous = flows.put(interned.key(), interned);
      if (previous != null) throw new IllegalArgumentException("two desired flows share table, priority and match: " + flow.ofctl());
    }
    Map<Long, SwitchGroup> groups = new HashMap<>();
    for (GroupEntry group : compiled.groups()) {
      groups.put(group.groupId(), GROUPS.intern(new SwitchGroup(group.groupId(), group.type().code(), WireBytes.of(LoxiTranslation.buckets(group)))));
    }
    return new SwitchTables(flows, groups);
  }

  /**
   * The tables of several parts together (a datapath's networks). Parts may repeat a flow or
   * group exactly; two different flows at one place cannot both be installed and fail here.
   */
  public static SwitchTables union(List<SwitchTables> parts) {
    Map<FlowKey, SwitchFlow> flows = new HashMap<>();
    Map<Long, SwitchGroup> groups = new HashMap<>();
    for (SwitchTables part : parts) {
      part.flows().forEach((key, flow) -> {
        SwitchFlow previous = flows.putIfAbsent(key, flow);
        if (previous != null && !previous.sameAs(flow)) throw new IllegalArgumentException("two desired flows share table, priority and match: " + key);
      });
      part.groups().forEach((id, group) -> {
        SwitchGroup previous = groups.putIfAbsent(id, group);
        if (previous != null && !previous.sameAs(group)) throw new IllegalArgumentException("two desired groups share id " + id);
      });
    }
    return new SwitchTables(flows, groups);
  }

  /** The node's one object for this flow. */
  static SwitchFlow intern(SwitchFlow flow) {
    return FLOWS.intern(flow);
  }

  public static SwitchTables installed(List<DumpedFlow> dumpedFlows, List<DumpedGroup> dumpedGroups) {
    Map<FlowKey, SwitchFlow> flows = new HashMap<>();
    for (DumpedFlow flow : dumpedFlows) {
      SwitchFlow interned = FLOWS.intern(new SwitchFlow(new FlowKey(flow.tableId(), flow.priority(), flow.match()), flow.cookie(), flow.instructionBytes()));
      flows.put(interned.key(), interned);
    }
    Map<Long, SwitchGroup> groups = new HashMap<>();
    for (DumpedGroup group : dumpedGroups) groups.put(group.groupId(), GROUPS.intern(new SwitchGroup(group.groupId(), group.type(), group.buckets())));
    return new SwitchTables(flows, groups);
  }

  /** What the switch holds once {@code changes} went in on top of this (the bookkeeping after a confirmed barrier). */
  public SwitchTables after(TableChanges changes) {
    InstalledTables next = InstalledTables.of(this);
    next.apply(changes);
    return next.snapshot();
  }
}
