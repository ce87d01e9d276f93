package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;

/**
 * Nicira NXAST_NAT, which only exists nested in a {@link NxConntrack}: {@code nat(src=A)},
 * {@code nat(dst=A)} or a bare {@code nat} (apply the connection's existing translation).
 * Wire format (ofp-actions.c): type 0xffff, len, experimenter 0x2320, subtype 36, 2 bytes pad,
 * flags (1 = src, 2 = dst), range_present (1 = IPv4 min, 2 = IPv4 max), then the range's
 * addresses. Both ends of the range are written (the same address): OVS reads a range without a
 * max as min..min and writes both back when flows are dumped, so the bytes compare equal.
 */
record NxNat(int flags, int ipv4) {
  static final int SUBTYPE_NAT = 36;
  static final int FLAG_SOURCE = 1;
  static final int FLAG_DESTINATION = 2;
  static final int RANGE_IPV4_MIN = 1;
  static final int RANGE_IPV4_MAX = 2;
  static final int BARE_LENGTH = 16;
  static final int RANGE_LENGTH = 24;

  static NxNat source(int ipv4) {
    return new NxNat(FLAG_SOURCE, ipv4);
  }

  static NxNat destination(int ipv4) {
    return new NxNat(FLAG_DESTINATION, ipv4);
  }

  static NxNat reverse() {
    return new NxNat(0, 0);
  }

  int length() {
    return flags == 0 ? BARE_LENGTH : RANGE_LENGTH;
  }

  void writeTo(ByteBuf bb) {
    bb.writeShort(0xffff);
    bb.writeShort(length());
    bb.writeInt((int) NiciraAction.NICIRA);
    bb.writeShort(SUBTYPE_NAT);
    bb.writeZero(2);
    bb.writeShort(flags);
    if (flags == 0) {
      bb.writeShort(0);
      return;
    }
    bb.writeShort(RANGE_IPV4_MIN | RANGE_IPV4_MAX);
    bb.writeInt(ipv4);
    bb.writeInt(ipv4);
  }
}
