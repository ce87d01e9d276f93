package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.projectfloodlight.openflow.protocol.match.Match;

/**
 * An OXM match as the switch sees it: its entries' wire bytes, sorted. A switch reports a match's
 * entries in its own order, so both sides of a diff sort them; sorted by class and field number,
 * a field also follows the fields it requires (eth_type before ip_proto before tcp_dst), which is
 * the order OpenFlow asks for on the way out. A few dozen bytes, where a Loxi match of the same
 * flow is a tree of objects: a controller keeps one per flow of every switch it masters.
 */
public final class WireMatch implements Comparable<WireMatch> {
  static final int OFPMT_OXM = 1;
  public static final WireMatch ANY = new WireMatch(new byte[0]);

  private final byte[] entries;
  private final int hash;

  private WireMatch(byte[] entries) {
    this.entries = entries;
    this.hash = Arrays.hashCode(entries);
  }

  /** The match Loxi (or {@link ConjunctionMatch}) would write. */
  public static WireMatch of(Match match) {
    ByteBuf buffer = Unpooled.buffer();
    try {
      match.writeTo(buffer);
      return read(buffer, 0);
    } finally {
      buffer.release();
    }
  }

  /** The ofp_match (type, length, entries, padding) at {@code start}. */
  public static WireMatch read(ByteBuf buffer, int start) {
    int type = buffer.getUnsignedShort(start);
    int length = buffer.getUnsignedShort(start + 2);
    if (type != OFPMT_OXM || length < 4) throw new IllegalArgumentException("not an OXM match: type " + type + ", length " + length);
    List<byte[]> found = new ArrayList<>();
    int at = start + 4;
    while (at < start + length) {
      if (at + 4 > start + length) throw new IllegalArgumentException("an OXM entry header runs past the match");
      int entryLength = 4 + buffer.getUnsignedByte(at + 3);
      if (at + entryLength > start + length) throw new IllegalArgumentException("an OXM entry runs past the match");
      byte[] entry = new byte[entryLength];
      buffer.getBytes(at, entry);
      found.add(entry);
      at += entryLength;
    }
    found.sort(Arrays::compareUnsigned);
    byte[] sorted = new byte[length - 4];
    int written = 0;
    for (byte[] entry : found) {
      System.arraycopy(entry, 0, sorted, written, entry.length);
      written += entry.length;
    }
    return new WireMatch(sorted);
  }

  /** Bytes on the wire, padding included. */
  public int wireLength() {
    return (4 + entries.length + 7) / 8 * 8;
  }

  public void writeTo(ByteBuf out) {
    int length = 4 + entries.length;
    out.writeShort(OFPMT_OXM);
    out.writeShort(length);
    out.writeBytes(entries);
    out.writeZero(wireLength() - length);
  }

  @Override
  public int compareTo(WireMatch other) {
    return Arrays.compareUnsigned(entries, other.entries);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WireMatch that && hash == that.hash && Arrays.equals(entries, that.entries);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The entries in hex, for logs. */
  @Override
  public String toString() {
    return "oxm:" + HexFormat.of().formatHex(entries);
  }
}
