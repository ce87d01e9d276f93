package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Loxi messages and numbered mods write their own wire form, header and length included. */
final class OpenFlowEncoder extends MessageToByteEncoder<Object> {
  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof OFMessage || msg instanceof NumberedMod;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
    if (msg instanceof NumberedMod numbered) numbered.mod().writeTo(out, numbered.xid());
    else ((OFMessage) msg).writeTo(out);
  }
}
