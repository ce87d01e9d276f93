package io.tenet.switches.compile;

import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The desired state of a datapath (or of one network on it): flows and groups, as sets to diff. */
public record CompiledFlows(Set<FlowEntry> flows, Set<GroupEntry> groups) {
  public CompiledFlows {
    flows = Set.copyOf(flows);
    groups = Set.copyOf(groups);
  }

  public CompiledFlows plus(CompiledFlows other) {
    return union(List.of(this, other));
  }

  /** Everything {@code parts} hold, each flow and group copied once: merging them pairwise copied the growing whole at every step. */
  public static CompiledFlows union(List<CompiledFlows> parts) {
    Set<FlowEntry> allFlows = new HashSet<>();
    Set<GroupEntry> allGroups = new HashSet<>();
    for (CompiledFlows part : parts) {
      allFlows.addAll(part.flows);
      allGroups.addAll(part.groups);
    }
    return new CompiledFlows(allFlows, allGroups);
  }

  /** One comment line per cookie saying what owns it, for dumps read by people (ovs-ofctl skips '#' lines). */
  public String legend() {
    return Stream.concat(flows.stream().map(FlowEntry::cookie), groups.stream().map(GroupEntry::cookie)).distinct()
        .sorted(Comparator.comparing(Cookie::hex))
        .map(c -> "# cookie " + c.hex() + " = " + c.owner().name().toLowerCase(java.util.Locale.ROOT) + " " + c.ownerId())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** Groups first, then flows by table, priority (high first) and text: a stable dump to compare. */
  public String ofctl() {
    Stream<String> groupLines = groups.stream().sorted(Comparator.comparingLong(GroupEntry::groupId)).map(GroupEntry::ofctl);
    Stream<String> flowLines = flows.stream()
        .sorted(Comparator.comparingInt((FlowEntry f) -> f.table().id()).thenComparing(f -> -f.priority()).thenComparing(FlowEntry::ofctl))
        .map(FlowEntry::ofctl);
    return Stream.concat(groupLines, flowLines).collect(Collectors.joining("\n", "", "\n"));
  }
}
