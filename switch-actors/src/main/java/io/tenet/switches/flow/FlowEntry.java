package io.tenet.switches.flow;

import io.tenet.switches.pipeline.Table;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One desired flow. Construction refuses a match on a field the table did not declare, so a
 * flow built for the wrong table fails when it is compiled, not on a switch.
 */
public record FlowEntry(Table table, int priority, Match match, List<Action> actions, Cookie cookie) {
  public FlowEntry {
    actions = List.copyOf(actions);
    for (MatchField field : match.fields().keySet()) {
      if (!table.mayMatch(field)) {
        throw new IllegalArgumentException("table " + table.shortName() + " does not match on " + field.ofctlName() + ": " + match.ofctl());
      }
    }
  }

  /** The flow as {@code ovs-ofctl add-flow} takes it (and, counters aside, as dump-flows prints it). */
  public String ofctl() {
    String matchText = match.ofctl();
    String actionText = actions.isEmpty() ? "drop" : actions.stream().map(Action::ofctl).collect(Collectors.joining(","));
    return "cookie=" + cookie.hex() + ", table=" + table.id() + ", priority=" + priority
        + (matchText.isEmpty() ? "" : "," + matchText) + " actions=" + actionText;
  }
}
