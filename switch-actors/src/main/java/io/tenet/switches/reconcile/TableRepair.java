package io.tenet.switches.reconcile;

import io.tenet.topology.dataplane.RepairCount;
import java.util.function.Supplier;

/**
 * What a read-back of a switch's tables calls for. The drift is what the switch lost or changed of
 * what this node installed there; only drift is repaired and reported. A view that arrived while
 * the tables were being read changes the desired tables but not the installed ones: its flows are
 * missing from the switch because they were never sent, and the next reconcile sends them.
 */
public record TableRepair(RepairCount drift, TableChanges changes) {
  public static final TableRepair NONE = new TableRepair(RepairCount.NONE, TableChanges.NONE);

  /**
   * {@code installed}, {@code found} and {@code desired} restricted to the same scope;
   * {@code pictureComplete} as for {@link TableDiff#between}: without it nothing is removed.
   * {@code desired} is merged only when the switch drifted, which a verification rarely finds.
   */
  public static TableRepair of(SwitchTables installed, SwitchTables found, Supplier<SwitchTables> desired, boolean pictureComplete) {
    TableChanges lost = TableDiff.between(installed, found, true);
    if (lost.isEmpty()) return NONE;
    // once repairing, the switch is taken to the desired tables: what drifted and what is pending, in one batch
    return new TableRepair(lost.countAgainst(found), TableDiff.between(desired.get(), found, pictureComplete));
  }

  public boolean drifted() {
    return !drift.isEmpty();
  }
}
