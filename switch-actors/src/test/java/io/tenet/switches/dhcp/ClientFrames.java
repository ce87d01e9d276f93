package io.tenet.switches.dhcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * DHCP client frames built byte by byte as busybox udhcpc (1.36) and ISC dhclient (4.4, LPF)
 * send them, written independently of {@link DhcpFrame#encode} so the two cannot share a
 * mistake. Both clients build their own IPv4/UDP headers on a raw socket until they have an
 * address; renewals go through the kernel's UDP socket, unicast to the server.
 */
final class ClientFrames {
  static final String MAC = "fa:16:3e:12:34:56";
  static final String SERVER_IP = "10.0.0.2";
  static final String SERVER_MAC = "02:00:0a:00:00:02";
  static final String LEASE_IP = "10.0.0.3";
  static final int XID = 0x3903f326;
  /** udhcpc's default request list plus -O mtu -O staticroutes. */
  static final int[] UDHCPC_PRL = {1, 3, 6, 12, 15, 26, 28, 42, 121};
  /** Debian's dhclient.conf request list. */
  static final int[] DHCLIENT_PRL = {1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42};

  private ClientFrames() {}

  static Builder udhcpc(int type) {
    // udhcpc: 53, client id 01+MAC (unless -C), vendor class; then max size 576 and the request list
    return new Builder().option(53, type).option(61, concat(new byte[] {1}, mac(MAC))).option(60, ascii("udhcp 1.36.1"));
  }

  static Builder udhcpcTail(Builder builder) {
    return builder.option(57, 0x02, 0x40).option(55, UDHCPC_PRL);
  }

  static byte[] udhcpcDiscover() {
    return udhcpcTail(udhcpc(1)).build();
  }

  static byte[] udhcpcSelect(String requested, String server) {
    return udhcpcTail(udhcpc(3).option(50, ip(requested)).option(54, ip(server))).build();
  }

  /** RENEWING: unicast from the bound address to the server through the kernel, ciaddr set, no 50/54. */
  static byte[] udhcpcRenew(String ciaddr) {
    return udhcpcTail(udhcpc(3)).ethDst(SERVER_MAC).ipSrc(ciaddr).ipDst(SERVER_IP).kernelHeader().ciaddr(ciaddr).build();
  }

  /** REBINDING: broadcast from 0.0.0.0 on the raw socket, ciaddr set. */
  static byte[] udhcpcRebind(String ciaddr) {
    return udhcpcTail(udhcpc(3)).ciaddr(ciaddr).build();
  }

  static Builder dhclient(int type) {
    // dhclient: TOS low-delay and TTL 128 on its raw socket; no client id by default
    return new Builder().tos(0x10).ttl(128).option(53, type);
  }

  static byte[] dhclientDiscover() {
    return dhclient(1).secs(3).option(12, ascii("vm-1")).option(55, DHCLIENT_PRL).build();
  }

  static byte[] dhclientSelect(String requested, String server) {
    return dhclient(3).secs(3).option(54, ip(server)).option(50, ip(requested)).option(12, ascii("vm-1")).option(55, DHCLIENT_PRL).build();
  }

  /** INIT-REBOOT: option 50 with the remembered address, no server id. */
  static byte[] dhclientReboot(String remembered) {
    return dhclient(3).option(50, ip(remembered)).option(12, ascii("vm-1")).option(55, DHCLIENT_PRL).build();
  }

  static byte[] dhclientRebind(String ciaddr) {
    return dhclient(3).ciaddr(ciaddr).option(12, ascii("vm-1")).option(55, DHCLIENT_PRL).build();
  }

  static byte[] dhclientInform(String ciaddr) {
    return dhclient(8).ethDst(SERVER_MAC).ipSrc(ciaddr).ipDst(SERVER_IP).kernelHeader().ciaddr(ciaddr).option(55, DHCLIENT_PRL).build();
  }

  static byte[] dhclientRelease(String ciaddr) {
    return dhclient(7).ethDst(SERVER_MAC).ipSrc(ciaddr).ipDst(SERVER_IP).kernelHeader().ciaddr(ciaddr).option(54, ip(SERVER_IP)).build();
  }

  static byte[] dhclientDecline(String address) {
    return dhclient(4).option(54, ip(SERVER_IP)).option(50, ip(address)).build();
  }

  /** A client frame; every field can be set, including ones no correct client would send. */
  static final class Builder {
    String ethDst = "ff:ff:ff:ff:ff:ff";
    String ethSrc = MAC;
    int etherType = 0x0800;
    int tos = 0;
    int ipId = 0;
    int ipFlagsFragment = 0;
    int ttl = 64;
    int protocol = 17;
    byte[] ipOptions = new byte[0];
    String ipSrc = "0.0.0.0";
    String ipDst = "255.255.255.255";
    int srcPort = 68;
    int dstPort = 67;
    int op = 1;
    int htype = 1;
    int hlen = 6;
    int xid = XID;
    int secs = 0;
    int flags = 0;
    String ciaddr = "0.0.0.0";
    String giaddr = "0.0.0.0";
    String chaddr = MAC;
    byte[] file = new byte[128];
    int cookie = 0x63825363;
    final ByteArrayOutputStream options = new ByteArrayOutputStream();
    boolean end = true;
    int minBootp = 300;
    byte[] trailer = new byte[0];

    Builder ethDst(String mac) { ethDst = mac; return this; }
    Builder tos(int value) { tos = value; return this; }
    Builder ttl(int value) { ttl = value; return this; }
    Builder ipSrc(String ip) { ipSrc = ip; return this; }
    Builder ipDst(String ip) { ipDst = ip; return this; }
    Builder ciaddr(String ip) { ciaddr = ip; return this; }
    Builder giaddr(String ip) { giaddr = ip; return this; }
    Builder chaddr(String mac) { chaddr = mac; return this; }
    Builder secs(int value) { secs = value; return this; }
    Builder flags(int value) { flags = value; return this; }
    Builder xid(int value) { xid = value; return this; }

    /** The kernel's UDP socket: DF set, a non-zero id, TOS 0, TTL 64. */
    Builder kernelHeader() {
      tos = 0;
      ttl = 64;
      ipId = 0x5d2a;
      ipFlagsFragment = 0x4000;
      return this;
    }

    Builder option(int code, int... value) {
      byte[] bytes = new byte[value.length];
      for (int i = 0; i < value.length; i++) bytes[i] = (byte) value[i];
      return option(code, bytes);
    }

    Builder option(int code, byte[] value) {
      options.write(code);
      options.write(value.length);
      options.writeBytes(value);
      return this;
    }

    Builder raw(int... bytes) {
      for (int b : bytes) options.write(b);
      return this;
    }

    byte[] build() {
      byte[] opts = options.toByteArray();
      int bootpLength = Math.max(minBootp, 240 + opts.length + (end ? 1 : 0));
      int udpLength = 8 + bootpLength;
      int ipHeader = 20 + ipOptions.length;
      int totalLength = ipHeader + udpLength;
      ByteBuffer b = ByteBuffer.allocate(14 + totalLength + trailer.length);
      b.put(mac(ethDst)).put(mac(ethSrc)).putShort((short) etherType);
      b.put((byte) (0x40 | ipHeader / 4)).put((byte) tos).putShort((short) totalLength).putShort((short) ipId).putShort((short) ipFlagsFragment)
          .put((byte) ttl).put((byte) protocol).putShort((short) 0).put(ip(ipSrc)).put(ip(ipDst)).put(ipOptions);
      b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) udpLength).putShort((short) 0);
      b.put((byte) op).put((byte) htype).put((byte) hlen).put((byte) 0).putInt(xid).putShort((short) secs).putShort((short) flags)
          .put(ip(ciaddr)).put(ip("0.0.0.0")).put(ip("0.0.0.0")).put(ip(giaddr)).put(mac(chaddr)).put(new byte[10])
          .put(new byte[64]).put(file).putInt(cookie).put(opts);
      if (end) b.put((byte) 255);
      b.position(14 + totalLength);
      b.put(trailer);
      byte[] frame = b.array();
      putShort(frame, 24, checksum(frame, 14, ipHeader, 0));
      int udp = 14 + ipHeader;
      putShort(frame, udp + 6, udpChecksum(frame, udp, udpLength));
      return frame;
    }
  }

  /** RFC 1071 over data[from, from + length) starting from a partial sum; an independent copy for the tests. */
  static int checksum(byte[] data, int from, int length, long partial) {
    ByteBuffer b = ByteBuffer.wrap(data, from, length);
    long sum = partial;
    while (b.remaining() >= 2) sum += b.getShort() & 0xffff;
    if (b.hasRemaining()) sum += (b.get() & 0xff) << 8;
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (int) (~sum & 0xffff);
  }

  /** The UDP checksum the datagram at udp should carry, computed with its checksum field taken as zero. */
  static int udpChecksum(byte[] frame, int udp, int udpLength) {
    byte[] copy = frame.clone();
    putShort(copy, udp + 6, 0);
    ByteBuffer pseudo = ByteBuffer.allocate(12).put(copy, 26, 8).put((byte) 0).put((byte) 17).putShort((short) udpLength);
    long partial = 0;
    for (int i = 0; i < 12; i += 2) partial += ((pseudo.array()[i] & 0xff) << 8) | (pseudo.array()[i + 1] & 0xff);
    int sum = checksum(copy, udp, udpLength, partial);
    return sum == 0 ? 0xffff : sum;
  }

  static void putShort(byte[] data, int at, int value) {
    data[at] = (byte) (value >> 8);
    data[at + 1] = (byte) value;
  }

  static byte[] mac(String mac) {
    return HexFormat.of().parseHex(mac.replace(":", ""));
  }

  static byte[] ip(String ip) {
    String[] parts = ip.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) bytes[i] = (byte) Integer.parseInt(parts[i]);
    return bytes;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
    return bytes;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
