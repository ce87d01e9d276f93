package io.tenet.switches.compile;

import io.tenet.switches.flow.FlowEntry;
import java.util.Map;

/**
 * The remote-group conjunctions of a datapath's filtered ports in two shares: what the rules and
 * the filtered ports make ({@code shared}: the ports' and the protocols' clauses, the verdicts)
 * and one flow per member address clause, which a member joining or leaving adds or removes
 * without touching anything else.
 */
public record RemoteGroupParts(CompiledFlows shared, Map<MemberAddressClause, FlowEntry> memberAddresses) {
  public RemoteGroupParts {
    memberAddresses = Map.copyOf(memberAddresses);
  }
}
