package io.tenet.switches.dhcp;

/** The ones'-complement checksum of RFC 1071, as IPv4 headers and UDP use it. */
final class InternetChecksum {
  private InternetChecksum() {}

  /** Adds 16-bit big-endian words of data[from, from + length) to a running sum; an odd last byte is padded with zero. */
  static long add(long sum, byte[] data, int from, int length) {
    int at = from;
    for (; at + 1 < from + length; at += 2) sum += Wire.u16(data, at);
    if (at < from + length) sum += Wire.u8(data, at) << 8;
    return sum;
  }

  static int finish(long sum) {
    while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
    return (int) (~sum & 0xffff);
  }

  static int of(byte[] data, int from, int length) {
    return finish(add(0, data, from, length));
  }

  /**
   * The UDP checksum over the IPv4 pseudo-header and the datagram at udp (its checksum field
   * must be zero). A computed zero is sent as 0xffff, since zero means "no checksum".
   */
  static int udp(byte[] frame, int ipHeader, int udp, int udpLength) {
    long sum = add(0, frame, ipHeader + 12, 8); // source and destination addresses
    sum += 17 + udpLength;
    int checksum = finish(add(sum, frame, udp, udpLength));
    return checksum == 0 ? 0xffff : checksum;
  }
}
