package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;

/**
 * An OpenFlow 1.3 flow-mod written from wire bytes kept by reconciliation, without building Loxi
 * objects: an ADD (which replaces a flow at the same table, priority and match) or a strict
 * DELETE. The fields Loxi would default are written as Loxi writes them (TableModWireTest).
 */
public record FlowMod(Command command, int tableId, int priority, long cookie, WireMatch match, byte[] instructions) implements TableMod {
  public enum Command {
    ADD(0), DELETE_STRICT(4);

    final int code;

    Command(int code) {
      this.code = code;
    }
  }

  static final int OFPT_FLOW_MOD = 14;
  /** ofp_flow_mod up to its match. */
  static final int FIXED = 48;
  static final int ANY = 0xffff_ffff;

  public static FlowMod add(int tableId, int priority, long cookie, WireMatch match, byte[] instructions) {
    return new FlowMod(Command.ADD, tableId, priority, cookie, match, instructions);
  }

  public static FlowMod deleteStrict(int tableId, int priority, WireMatch match) {
    return new FlowMod(Command.DELETE_STRICT, tableId, priority, 0, match, new byte[0]);
  }

  @Override
  public void writeTo(ByteBuf out, long xid) {
    out.writeByte(4).writeByte(OFPT_FLOW_MOD).writeShort(FIXED + match.wireLength() + instructions.length).writeInt((int) xid);
    out.writeLong(cookie).writeLong(0); // cookie, cookie_mask
    out.writeByte(tableId).writeByte(command.code).writeShort(0).writeShort(0).writeShort(priority); // idle and hard timeouts: none
    out.writeInt(ANY).writeInt(ANY).writeInt(ANY); // buffer_id NO_BUFFER, out_port ANY, out_group ANY
    out.writeShort(0).writeZero(2); // flags, pad
    match.writeTo(out);
    out.writeBytes(instructions);
  }

  @Override
  public boolean isGroupMod() {
    return false;
  }
}
