package io.tenet.switches.edge;

import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.MacAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An Ethernet/IPv4 ARP packet: read from a frame the switch handed up, or written as a request
 * to send out. Only untagged frames (the pipeline removed any tag before the controller sees it).
 */
public record ArpFrame(int operation, String senderMac, String senderIp, String targetMac, String targetIp) {
  public static final int REQUEST = 1;
  public static final int REPLY = 2;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int LENGTH = 42;

  /** The ARP packet in {@code frame}, if it is one (Ethernet, IPv4 addresses). */
  public static Optional<ArpFrame> read(byte[] frame) {
    if (frame.length < LENGTH) return Optional.empty();
    ByteBuffer in = ByteBuffer.wrap(frame);
    if ((in.getShort(12) & 0xffff) != ETHERTYPE_ARP) return Optional.empty();
    if (in.getShort(14) != 1 || (in.getShort(16) & 0xffff) != 0x0800 || frame[18] != 6 || frame[19] != 4) return Optional.empty();
    return Optional.of(new ArpFrame(in.getShort(20) & 0xffff, mac(frame, 22), ip(frame, 28), mac(frame, 32), ip(frame, 38)));
  }

  /** A broadcast request from {@code senderMac}/{@code senderIp} for {@code targetIp}. */
  public static ArpFrame request(String senderMac, String senderIp, String targetIp) {
    return new ArpFrame(REQUEST, senderMac, senderIp, "00:00:00:00:00:00", targetIp);
  }

  /** The frame on the wire; a request goes to broadcast, a reply to its target. */
  public byte[] frame() {
    ByteBuffer out = ByteBuffer.allocate(LENGTH);
    out.put(macBytes(operation == REQUEST ? "ff:ff:ff:ff:ff:ff" : targetMac));
    out.put(macBytes(senderMac));
    out.putShort((short) ETHERTYPE_ARP);
    out.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) operation);
    out.put(macBytes(senderMac)).put(ipBytes(senderIp)).put(macBytes(targetMac)).put(ipBytes(targetIp));
    return out.array();
  }

  /** The frame tagged for {@code vlanId} (802.1Q, priority 0), or as it is when null. */
  public byte[] frame(Integer vlanId) {
    return VlanTag.tagged(frame(), vlanId);
  }

  /** The MAC at {@code at} in {@code frame}, as ovs-ofctl and the API write it. */
  public static String mac(byte[] frame, int at) {
    long bits = 0;
    for (int i = 0; i < 6; i++) bits = (bits << 8) | (frame[at + i] & 0xff);
    return new MacAddress(bits).toString();
  }

  private static String ip(byte[] frame, int at) {
    return (frame[at] & 0xff) + "." + (frame[at + 1] & 0xff) + "." + (frame[at + 2] & 0xff) + "." + (frame[at + 3] & 0xff);
  }

  private static byte[] macBytes(String mac) {
    long bits = MacAddress.parse(mac).orElseThrow(() -> new IllegalArgumentException("not a MAC: " + mac)).bits();
    byte[] bytes = new byte[6];
    for (int i = 5; i >= 0; i--, bits >>>= 8) bytes[i] = (byte) bits;
    return bytes;
  }

  private static byte[] ipBytes(String ip) {
    int bits = Ipv4Address.parse(ip).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + ip)).bits();
    return ByteBuffer.allocate(4).putInt(bits).array();
  }
}
