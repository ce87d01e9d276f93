package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;

/** A flow- or group-mod that the connection numbers (its xid) and writes; see {@link SwitchConnection#applyMods}. */
public sealed interface TableMod permits FlowMod, GroupMod, LoxiMod {
  void writeTo(ByteBuf out, long xid);

  boolean isGroupMod();
}
