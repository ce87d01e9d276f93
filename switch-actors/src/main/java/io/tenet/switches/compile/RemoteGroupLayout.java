package io.tenet.switches.compile;

import java.util.List;
import java.util.Map;

/**
 * The remote-group conjunctions of a datapath's filtered ports without their member addresses:
 * the flows the rules and the filtered ports make ({@code shared}), and for each remote group the
 * slots its addresses go into. With {@code oneGroupPerTable} no rules table names two remote
 * groups, so an address's flow depends only on its group's slot: each group's addresses, and each
 * network's share of them, compile apart (a port joining a network changes that share only).
 */
public record RemoteGroupLayout(CompiledFlows shared, Map<String, List<AddressSlot>> slotsByGroup, boolean oneGroupPerTable) {
  public RemoteGroupLayout {
    slotsByGroup = Map.copyOf(slotsByGroup);
  }
}
