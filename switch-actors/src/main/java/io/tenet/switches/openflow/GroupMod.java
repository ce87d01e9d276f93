package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;

/** An OpenFlow 1.3 group-mod written from the buckets' wire bytes, like {@link FlowMod}. */
public record GroupMod(Command command, long groupId, int type, byte[] buckets) implements TableMod {
  public enum Command {
    ADD(0), MODIFY(1), DELETE(2);

    final int code;

    Command(int code) {
      this.code = code;
    }
  }

  static final int OFPT_GROUP_MOD = 15;
  /** ofp_group_mod up to its buckets. */
  static final int FIXED = 16;

  @Override
  public void writeTo(ByteBuf out, long xid) {
    out.writeByte(4).writeByte(OFPT_GROUP_MOD).writeShort(FIXED + buckets.length).writeInt((int) xid);
    out.writeShort(command.code).writeByte(type).writeZero(1).writeInt((int) groupId);
    out.writeBytes(buckets);
  }

  @Override
  public boolean isGroupMod() {
    return true;
  }
}
