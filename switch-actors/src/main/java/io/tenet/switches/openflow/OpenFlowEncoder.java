package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Loxi messages write their own wire form, header and length included. */
final class OpenFlowEncoder extends MessageToByteEncoder<OFMessage> {
  @Override
  protected void encode(ChannelHandlerContext ctx, OFMessage msg, ByteBuf out) {
    msg.writeTo(out);
  }
}
