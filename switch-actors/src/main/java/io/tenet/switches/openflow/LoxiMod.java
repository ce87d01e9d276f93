package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;

/** A mod built with Loxi (tools and tests); numbered and written like the others. */
public record LoxiMod(OFMessage.Builder builder) implements TableMod {
  @Override
  public void writeTo(ByteBuf out, long xid) {
    builder.setXid(xid).build().writeTo(out);
  }

  @Override
  public boolean isGroupMod() {
    return builder.getType() == OFType.GROUP_MOD;
  }
}
