package io.tenet.switches.flow;

import io.tenet.switches.pipeline.Table;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One desired flow. Construction refuses a match on a field the table did not declare, so a
 * flow built for the wrong table fails when it is compiled, not on a switch.
 *
 * <p>A value like a record, but its hash is computed once: a compiled flow is hashed again and
 * again (into the sets of each part's flows, into the translation cache), and hashing its match's
 * and actions' strings anew each time was a tenth of a busy node's CPU (bench fleet, JFR).
 */
public final class FlowEntry {
  private final Table table;
  private final int priority;
  private final Match match;
  private final List<Action> actions;
  private final Cookie cookie;
  private final int hash;

  public FlowEntry(Table table, int priority, Match match, List<Action> actions, Cookie cookie) {
    for (MatchField field : match.fields().keySet()) {
      if (!table.mayMatch(field)) {
        throw new IllegalArgumentException("table " + table.shortName() + " does not match on " + field.ofctlName() + ": " + match.ofctl());
      }
    }
    this.table = table;
    this.priority = priority;
    this.match = match;
    this.actions = List.copyOf(actions);
    this.cookie = cookie;
    this.hash = Objects.hash(table, priority, match, this.actions, cookie);
  }

  public Table table() {
    return table;
  }

  public int priority() {
    return priority;
  }

  public Match match() {
    return match;
  }

  public List<Action> actions() {
    return actions;
  }

  public Cookie cookie() {
    return cookie;
  }

  /** The flow as {@code ovs-ofctl add-flow} takes it (and, counters aside, as dump-flows prints it). */
  public String ofctl() {
    String matchText = match.ofctl();
    String actionText = actions.isEmpty() ? "drop" : actions.stream().map(Action::ofctl).collect(Collectors.joining(","));
    return "cookie=" + cookie.hex() + ", table=" + table.id() + ", priority=" + priority
        + (matchText.isEmpty() ? "" : "," + matchText) + " actions=" + actionText;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) return true;
    return other instanceof FlowEntry flow && hash == flow.hash && priority == flow.priority && table == flow.table
        && match.equals(flow.match) && actions.equals(flow.actions) && Objects.equals(cookie, flow.cookie);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "FlowEntry[table=" + table + ", priority=" + priority + ", match=" + match + ", actions=" + actions + ", cookie=" + cookie + "]";
  }
}
