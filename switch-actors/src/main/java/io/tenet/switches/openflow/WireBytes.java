package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;

/** The wire bytes of Loxi's instructions and buckets: what a switch stores and reports back. */
public final class WireBytes {
  private WireBytes() {}

  public static byte[] ofInstructions(List<OFInstruction> instructions) {
    ByteBuf buffer = Unpooled.buffer();
    try {
      instructions.forEach(i -> i.writeTo(buffer));
      return ByteBufUtil.getBytes(buffer);
    } finally {
      buffer.release();
    }
  }

  public static byte[] ofBuckets(List<OFBucket> buckets) {
    ByteBuf buffer = Unpooled.buffer();
    try {
      buckets.forEach(b -> b.writeTo(buffer));
      return ByteBufUtil.getBytes(buffer);
    } finally {
      buffer.release();
    }
  }
}
