package io.tenet.switches.reconcile;

import java.util.Arrays;

/**
 * A flow reduced to what reconciliation compares and sends: its key, its cookie and its
 * instructions as the bytes on the wire (Loxi cannot read every action back, e.g. NXAST_REG_MOVE,
 * but bytes always compare, and they are a small fraction of the memory Loxi's objects take).
 */
public record SwitchFlow(FlowKey key, long cookie, byte[] instructions) {
  /** Same cookie and same instructions: nothing to send. */
  public boolean sameAs(SwitchFlow other) {
    return cookie == other.cookie && Arrays.equals(instructions, other.instructions);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SwitchFlow that && key.equals(that.key) && sameAs(that);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * key.hashCode() + Long.hashCode(cookie)) + Arrays.hashCode(instructions);
  }

  @Override
  public String toString() {
    return "SwitchFlow[" + key + ", cookie=0x" + Long.toHexString(cookie) + ", " + instructions.length + " bytes of instructions]";
  }
}
