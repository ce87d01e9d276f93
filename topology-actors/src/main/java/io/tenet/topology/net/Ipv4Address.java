package io.tenet.topology.net;

import java.util.Optional;

/** An IPv4 address as an unsigned 32-bit value held in an int. Parsing is strict: four decimal octets. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

  public static Optional<Ipv4Address> parse(String text) {
    if (text == null) return Optional.empty();
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) return Optional.empty();
    int bits = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Ipv4Address::isAsciiDigit)) return Optional.empty();
      if (part.length() > 1 && part.charAt(0) == '0') return Optional.empty(); // "010" is ambiguous (octal in some tools)
      int octet = Integer.parseInt(part);
      if (octet > 255) return Optional.empty();
      bits = (bits << 8) | octet;
    }
    return Optional.of(new Ipv4Address(bits));
  }

  /** Only 0-9: {@link Character#isDigit} would also accept other scripts' digits. */
  static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  public long unsigned() {
    return Integer.toUnsignedLong(bits);
  }

  public Ipv4Address plus(long offset) {
    return new Ipv4Address((int) (unsigned() + offset));
  }

  @Override
  public int compareTo(Ipv4Address other) {
    return Integer.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
  }
}
