package io.tenet.switches.dhcp;

import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.MacAddress;

/** Network byte order: addresses and integers to and from bytes. Callers check bounds first. */
final class Wire {
  private Wire() {}

  static int u8(byte[] data, int at) {
    return data[at] & 0xff;
  }

  static int u16(byte[] data, int at) {
    return (u8(data, at) << 8) | u8(data, at + 1);
  }

  static int u32(byte[] data, int at) {
    return (u16(data, at) << 16) | u16(data, at + 2);
  }

  static void put16(byte[] data, int at, int value) {
    data[at] = (byte) (value >>> 8);
    data[at + 1] = (byte) value;
  }

  static void put32(byte[] data, int at, int value) {
    put16(data, at, value >>> 16);
    put16(data, at + 2, value);
  }

  static String ip(byte[] data, int at) {
    return new Ipv4Address(u32(data, at)).toString();
  }

  static String mac(byte[] data, int at) {
    return new MacAddress(((long) u16(data, at) << 32) | Integer.toUnsignedLong(u32(data, at + 2))).toString();
  }

  /** The address as an int; the text must already be valid (records validate in their constructors). */
  static int ipBits(String ip) {
    return Ipv4Address.parse(ip).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + ip)).bits();
  }

  static byte[] ipBytes(String ip) {
    byte[] bytes = new byte[4];
    put32(bytes, 0, ipBits(ip));
    return bytes;
  }

  static void putMac(byte[] data, int at, String mac) {
    long bits = MacAddress.parse(mac).orElseThrow(() -> new IllegalArgumentException("not a MAC address: " + mac)).bits();
    put16(data, at, (int) (bits >>> 32));
    put32(data, at + 2, (int) bits);
  }

  /** Canonical dotted form, or IllegalArgumentException naming the field. */
  static String checkIp(String what, String text) {
    return Ipv4Address.parse(text).orElseThrow(() -> new IllegalArgumentException(what + " is not an IPv4 address: " + text)).toString();
  }

  /** Canonical lower-case colon form, or IllegalArgumentException naming the field. */
  static String checkMac(String what, String text) {
    return MacAddress.parse(text).orElseThrow(() -> new IllegalArgumentException(what + " is not a MAC address: " + text)).toString();
  }
}
