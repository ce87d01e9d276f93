package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;

/**
 * One flow as the switch reports it in flow-stats: its place, cookie, match and instructions as
 * the bytes the switch sent, which is what reconciliation compares. {@link #instructions} and
 * {@link #unparsedInstructions} read them for people and tests: Loxi cannot read every Nicira
 * action (NXAST_REG_MOVE, ct, conjunction), so those instructions stay hex.
 */
public record DumpedFlow(int tableId, int priority, long cookie, WireMatch match, byte[] instructionBytes) {
  /** Loxi's 1.3 instruction reader: public, but in a package-private class, hence reflection (once). */
  private static final OFMessageReader<OFInstruction> INSTRUCTIONS = instructionReader();

  @SuppressWarnings("unchecked")
  private static OFMessageReader<OFInstruction> instructionReader() {
    try {
      java.lang.reflect.Field field = Class.forName("org.projectfloodlight.openflow.protocol.ver13.OFInstructionVer13").getField("READER");
      field.setAccessible(true);
      return (OFMessageReader<OFInstruction>) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("openflowj changed: no OFInstructionVer13.READER", e);
    }
  }

  /** The instructions Loxi can read. */
  public List<OFInstruction> instructions() {
    List<OFInstruction> read = new ArrayList<>();
    eachInstruction(instruction -> {
      try {
        read.add(INSTRUCTIONS.readFrom(instruction));
      } catch (OFParseError notLoxi) {
        // listed by unparsedInstructions()
      }
    });
    return read;
  }

  /** The instructions Loxi cannot read, in hex. */
  public List<String> unparsedInstructions() {
    List<String> unparsed = new ArrayList<>();
    eachInstruction(instruction -> {
      try {
        INSTRUCTIONS.readFrom(instruction.duplicate());
      } catch (OFParseError notLoxi) {
        unparsed.add(HexFormat.of().formatHex(io.netty.buffer.ByteBufUtil.getBytes(instruction)));
      }
    });
    return unparsed;
  }

  private void eachInstruction(java.util.function.Consumer<ByteBuf> each) {
    ByteBuf all = Unpooled.wrappedBuffer(instructionBytes);
    int at = 0;
    while (at + 4 <= instructionBytes.length) {
      int length = all.getUnsignedShort(at + 2);
      if (length < 4 || at + length > instructionBytes.length) throw new IllegalStateException("bad instruction length " + length);
      each.accept(all.slice(at, length));
      at += length;
    }
  }
}
