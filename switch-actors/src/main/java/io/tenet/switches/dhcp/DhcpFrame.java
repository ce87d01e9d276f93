package io.tenet.switches.dhcp;

import java.util.Objects;

/**
 * One DHCP message as it travels between a VM and the controller: an untagged Ethernet II frame
 * with IPv4, UDP between ports 67 and 68, and a BOOTP message with the DHCP magic cookie and a
 * message type. Addresses are canonical text. chaddr is a 6-byte Ethernet address (htype 1,
 * hlen 6, the only kind an OVS port carries); RFC 2131 gives meaning only to its first hlen
 * bytes, so the rest of the 16-byte field is not kept and is written as zeros.
 */
public record DhcpFrame(
    String ethDst, String ethSrc, String ipSrc, String ipDst, int srcPort, int dstPort,
    int op, int xid, int secs, int flags, String ciaddr, String yiaddr, String siaddr, String giaddr,
    String chaddr, DhcpOptions options) {

  public static final int BOOTREQUEST = 1;
  public static final int BOOTREPLY = 2;
  public static final int SERVER_PORT = 67;
  public static final int CLIENT_PORT = 68;
  public static final String BROADCAST_MAC = "ff:ff:ff:ff:ff:ff";
  public static final String BROADCAST_IP = "255.255.255.255";
  public static final String NO_IP = "0.0.0.0";
  static final int TTL = 64;
  /** RFC 1542 §3.3: some clients drop BOOTP messages shorter than this, so replies are padded up to it. */
  static final int MIN_BOOTP_LENGTH = 300;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETH_HEADER = 14;
  private static final int IPV4_HEADER = 20;
  private static final int UDP_HEADER = 8;
  private static final int BOOTP_FIXED = 236;
  private static final int MAGIC_COOKIE = 0x63825363;
  private static final int OPTIONS_AT = BOOTP_FIXED + 4;

  public DhcpFrame {
    ethDst = Wire.checkMac("ethDst", ethDst);
    ethSrc = Wire.checkMac("ethSrc", ethSrc);
    ipSrc = Wire.checkIp("ipSrc", ipSrc);
    ipDst = Wire.checkIp("ipDst", ipDst);
    if (srcPort < 0 || srcPort > 0xffff || dstPort < 0 || dstPort > 0xffff) {
      throw new IllegalArgumentException("UDP ports out of range: " + srcPort + ", " + dstPort);
    }
    if (op != BOOTREQUEST && op != BOOTREPLY) throw new IllegalArgumentException("op must be 1 (request) or 2 (reply): " + op);
    if (secs < 0 || secs > 0xffff || flags < 0 || flags > 0xffff) throw new IllegalArgumentException("secs and flags are 16-bit: " + secs + ", " + flags);
    ciaddr = Wire.checkIp("ciaddr", ciaddr);
    yiaddr = Wire.checkIp("yiaddr", yiaddr);
    siaddr = Wire.checkIp("siaddr", siaddr);
    giaddr = Wire.checkIp("giaddr", giaddr);
    chaddr = Wire.checkMac("chaddr", chaddr);
    Objects.requireNonNull(options, "options");
    if (options.messageType().isEmpty()) throw new IllegalArgumentException("a DHCP message needs a known message type (option 53)");
  }

  public DhcpMessageType type() {
    return options.messageType().orElseThrow();
  }

  /**
   * Reads a packet-in. Bytes after the IPv4 total length are Ethernet padding and ignored. The
   * IPv4 header checksum is verified, the UDP one is not: a guest that offloads checksums may hand
   * a renewal sent from its UDP socket to the switch with only a partial one.
   */
  public static DhcpFrame parse(byte[] frame) throws DhcpFrameException {
    if (frame == null) throw new DhcpFrameException("no frame");
    if (frame.length < ETH_HEADER) throw new DhcpFrameException("shorter than an Ethernet header: " + frame.length + " bytes");
    int etherType = Wire.u16(frame, 12);
    if (etherType == 0x8100 || etherType == 0x88a8) throw new DhcpFrameException("VLAN-tagged frame (packet-ins arrive untagged)");
    if (etherType != ETHERTYPE_IPV4) throw new DhcpFrameException(String.format("not IPv4: ethertype 0x%04x", etherType));

    int ip = ETH_HEADER;
    if (frame.length < ip + IPV4_HEADER) throw new DhcpFrameException("truncated IPv4 header");
    if (Wire.u8(frame, ip) >>> 4 != 4) throw new DhcpFrameException("IP version is not 4");
    int ipHeader = (Wire.u8(frame, ip) & 0x0f) * 4;
    if (ipHeader < IPV4_HEADER || frame.length < ip + ipHeader) throw new DhcpFrameException("bad IPv4 header length: " + ipHeader);
    int totalLength = Wire.u16(frame, ip + 2);
    if (totalLength < ipHeader || ip + totalLength > frame.length) {
      throw new DhcpFrameException("IPv4 total length " + totalLength + " does not fit a " + frame.length + "-byte frame");
    }
    if ((Wire.u16(frame, ip + 6) & 0x3fff) != 0) throw new DhcpFrameException("IPv4 fragment (DHCP messages are not reassembled)");
    if (Wire.u8(frame, ip + 9) != 17) throw new DhcpFrameException("not UDP: IP protocol " + Wire.u8(frame, ip + 9));
    if (InternetChecksum.of(frame, ip, ipHeader) != 0) throw new DhcpFrameException("bad IPv4 header checksum");

    int udp = ip + ipHeader;
    if (totalLength - ipHeader < UDP_HEADER) throw new DhcpFrameException("truncated UDP header");
    int srcPort = Wire.u16(frame, udp);
    int dstPort = Wire.u16(frame, udp + 2);
    if (!(srcPort == CLIENT_PORT && dstPort == SERVER_PORT) && !(srcPort == SERVER_PORT && dstPort == CLIENT_PORT)) {
      throw new DhcpFrameException("not between DHCP ports 67 and 68: " + srcPort + " -> " + dstPort);
    }
    int udpLength = Wire.u16(frame, udp + 4);
    if (udpLength < UDP_HEADER || udpLength > totalLength - ipHeader) {
      throw new DhcpFrameException("UDP length " + udpLength + " does not fit the IPv4 payload");
    }

    int bootp = udp + UDP_HEADER;
    int end = udp + udpLength;
    if (end - bootp < OPTIONS_AT) throw new DhcpFrameException("shorter than a BOOTP message with the magic cookie: " + (end - bootp) + " bytes");
    int op = Wire.u8(frame, bootp);
    if (op != BOOTREQUEST && op != BOOTREPLY) throw new DhcpFrameException("BOOTP op is neither request nor reply: " + op);
    if (Wire.u8(frame, bootp + 1) != 1 || Wire.u8(frame, bootp + 2) != 6) {
      throw new DhcpFrameException("hardware type/length " + Wire.u8(frame, bootp + 1) + "/" + Wire.u8(frame, bootp + 2) + " is not Ethernet (1/6)");
    }
    if (Wire.u32(frame, bootp + BOOTP_FIXED) != MAGIC_COOKIE) throw new DhcpFrameException("no DHCP magic cookie (plain BOOTP is not served)");
    DhcpOptions options = DhcpOptions.read(frame, bootp + OPTIONS_AT, end);
    byte[] type = options.get(DhcpOptions.MESSAGE_TYPE).orElseThrow(() -> new DhcpFrameException("no DHCP message type (option 53)"));
    if (options.messageType().isEmpty()) throw new DhcpFrameException("DHCP message type " + Wire.u8(type, 0) + " is not one of RFC 2131");

    return new DhcpFrame(
        Wire.mac(frame, 0), Wire.mac(frame, 6), Wire.ip(frame, ip + 12), Wire.ip(frame, ip + 16), srcPort, dstPort,
        op, Wire.u32(frame, bootp + 4), Wire.u16(frame, bootp + 8), Wire.u16(frame, bootp + 10),
        Wire.ip(frame, bootp + 12), Wire.ip(frame, bootp + 16), Wire.ip(frame, bootp + 20), Wire.ip(frame, bootp + 24),
        Wire.mac(frame, bootp + 28), options);
  }

  /**
   * The frame on the wire: a 20-byte IPv4 header with TTL 64, DF and identification 0 (a DHCP
   * message is one unfragmentable datagram, RFC 6864), hops 0, sname and file empty, the BOOTP
   * message padded with zeros to 300 bytes, and both checksums computed.
   */
  public byte[] encode() {
    byte[] encodedOptions = options.encode();
    int bootpLength = Math.max(MIN_BOOTP_LENGTH, OPTIONS_AT + encodedOptions.length);
    int udpLength = UDP_HEADER + bootpLength;
    int totalLength = IPV4_HEADER + udpLength;
    byte[] frame = new byte[ETH_HEADER + totalLength];

    Wire.putMac(frame, 0, ethDst);
    Wire.putMac(frame, 6, ethSrc);
    Wire.put16(frame, 12, ETHERTYPE_IPV4);

    int ip = ETH_HEADER;
    frame[ip] = 0x45;
    Wire.put16(frame, ip + 2, totalLength);
    Wire.put16(frame, ip + 6, 0x4000);
    frame[ip + 8] = TTL;
    frame[ip + 9] = 17;
    Wire.put32(frame, ip + 12, Wire.ipBits(ipSrc));
    Wire.put32(frame, ip + 16, Wire.ipBits(ipDst));
    Wire.put16(frame, ip + 10, InternetChecksum.of(frame, ip, IPV4_HEADER));

    int udp = ip + IPV4_HEADER;
    Wire.put16(frame, udp, srcPort);
    Wire.put16(frame, udp + 2, dstPort);
    Wire.put16(frame, udp + 4, udpLength);

    int bootp = udp + UDP_HEADER;
    frame[bootp] = (byte) op;
    frame[bootp + 1] = 1;
    frame[bootp + 2] = 6;
    Wire.put32(frame, bootp + 4, xid);
    Wire.put16(frame, bootp + 8, secs);
    Wire.put16(frame, bootp + 10, flags);
    Wire.put32(frame, bootp + 12, Wire.ipBits(ciaddr));
    Wire.put32(frame, bootp + 16, Wire.ipBits(yiaddr));
    Wire.put32(frame, bootp + 20, Wire.ipBits(siaddr));
    Wire.put32(frame, bootp + 24, Wire.ipBits(giaddr));
    Wire.putMac(frame, bootp + 28, chaddr);
    Wire.put32(frame, bootp + BOOTP_FIXED, MAGIC_COOKIE);
    System.arraycopy(encodedOptions, 0, frame, bootp + OPTIONS_AT, encodedOptions.length);

    Wire.put16(frame, udp + 6, InternetChecksum.udp(frame, ip, udp, udpLength));
    return frame;
  }
}
