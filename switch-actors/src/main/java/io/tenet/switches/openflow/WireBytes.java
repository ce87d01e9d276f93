package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.projectfloodlight.openflow.protocol.Writeable;

/** The wire bytes of Loxi's instructions or buckets, one after the other: what a switch stores and reports back. */
public final class WireBytes {
  private WireBytes() {}

  public static byte[] of(List<? extends Writeable> parts) {
    ByteBuf buffer = Unpooled.buffer();
    try {
      parts.forEach(part -> part.writeTo(buffer));
      return ByteBufUtil.getBytes(buffer);
    } finally {
      buffer.release();
    }
  }
}
