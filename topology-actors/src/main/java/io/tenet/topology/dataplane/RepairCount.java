package io.tenet.topology.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What one repair changed on a switch, counted against what the switch held: flows and groups
 * that were missing and put back, present but wrong and corrected, present but unwanted and removed.
 */
public record RepairCount(int flowsRestored, int flowsCorrected, int flowsRemoved, int groupsRestored, int groupsCorrected, int groupsRemoved) {
  public static final RepairCount NONE = new RepairCount(0, 0, 0, 0, 0, 0);

  public RepairCount plus(RepairCount other) {
    return new RepairCount(flowsRestored + other.flowsRestored, flowsCorrected + other.flowsCorrected, flowsRemoved + other.flowsRemoved,
        groupsRestored + other.groupsRestored, groupsCorrected + other.groupsCorrected, groupsRemoved + other.groupsRemoved);
  }

  @JsonIgnore
  public int flows() {
    return flowsRestored + flowsCorrected + flowsRemoved;
  }

  @JsonIgnore
  public int groups() {
    return groupsRestored + groupsCorrected + groupsRemoved;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return flows() == 0 && groups() == 0;
  }
}
