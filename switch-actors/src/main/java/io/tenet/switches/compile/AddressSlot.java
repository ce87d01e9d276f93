package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;
import java.util.List;

/**
 * Where the member addresses of one remote group go in one rules table: matched on {@code field}
 * (the source for ingress rules, the destination for egress), giving packets the second clause of
 * {@code conjunctions}, the conjunctions of that table naming the group, ordered.
 */
public record AddressSlot(Table table, MatchField field, List<Action.Conjunction> conjunctions) {
  public AddressSlot {
    conjunctions = List.copyOf(conjunctions);
  }

  public MemberAddressClause clause(String address) {
    return MemberAddressClause.shared(table, field, address);
  }
}
