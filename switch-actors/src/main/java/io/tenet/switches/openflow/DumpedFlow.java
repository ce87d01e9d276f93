package io.tenet.switches.openflow;

import java.util.List;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;

/**
 * One flow as the switch reports it in flow-stats. {@code instructions} holds what Loxi can read;
 * an instruction it cannot (one carrying Nicira actions such as NXAST_REG_MOVE) is kept as hex
 * in {@code unparsedInstructions} instead of failing the whole dump. {@code instructionsHex} is
 * every instruction as the switch sent it, what reconciliation compares.
 */
public record DumpedFlow(int tableId, int priority, long cookie, Match match, List<OFInstruction> instructions, List<String> unparsedInstructions,
    String instructionsHex) {
  public DumpedFlow {
    instructions = List.copyOf(instructions);
    unparsedInstructions = List.copyOf(unparsedInstructions);
  }
}
