package io.tenet.switches.reconcile;

import java.util.List;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;

/**
 * A flow reduced to what reconciliation compares: its key, its cookie and its instructions as
 * the bytes on the wire (Loxi cannot read every action back, e.g. NXAST_REG_MOVE, but bytes always
 * compare). {@code instructions} is complete for desired flows, which are the only ones ever sent.
 */
public record SwitchFlow(FlowKey key, long cookie, List<OFInstruction> instructions, String instructionsHex) {
  public SwitchFlow {
    instructions = List.copyOf(instructions);
  }

  /** Same cookie and same instructions: nothing to send. */
  public boolean sameAs(SwitchFlow other) {
    return cookie == other.cookie && instructionsHex.equals(other.instructionsHex);
  }
}
