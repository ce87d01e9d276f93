package io.tenet.switches.compile;

import java.util.List;
import java.util.Map;

/**
 * The remote-group conjunctions of a datapath's filtered ports without their member addresses:
 * the flows the rules and the filtered ports make ({@code shared}), and for each remote group the
 * slots its addresses go into, at most one per rules table. An address's flow in a table depends
 * only on the slots there of the groups holding it (see {@link FlowCompiler#memberAddress}), so
 * each group's addresses, and each network's share of them, compile apart.
 */
public record RemoteGroupLayout(CompiledFlows shared, Map<String, List<AddressSlot>> slotsByGroup) {
  public RemoteGroupLayout {
    slotsByGroup = Map.copyOf(slotsByGroup);
  }
}
