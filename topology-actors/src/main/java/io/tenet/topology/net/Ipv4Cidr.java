package io.tenet.topology.net;

import java.util.Optional;

/** An IPv4 prefix such as 10.0.0.0/24. Host bits must be zero, as an operator writes a subnet. */
public record Ipv4Cidr(Ipv4Address network, int prefixLength) {

  public static Optional<Ipv4Cidr> parse(String text) {
    if (text == null) return Optional.empty();
    int slash = text.indexOf('/');
    if (slash < 0) return Optional.empty();
    String lengthText = text.substring(slash + 1);
    if (lengthText.isEmpty() || lengthText.length() > 2 || !lengthText.chars().allMatch(Ipv4Address::isAsciiDigit)) return Optional.empty();
    if (lengthText.length() > 1 && lengthText.charAt(0) == '0') return Optional.empty();
    int length = Integer.parseInt(lengthText);
    if (length > 32) return Optional.empty();
    return Ipv4Address.parse(text.substring(0, slash))
        .filter(address -> (address.bits() & ~mask(length)) == 0)
        .map(address -> new Ipv4Cidr(address, length));
  }

  /** The netmask of a prefix length as the high bits of an int. */
  public static int mask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  public long size() {
    return 1L << (32 - prefixLength);
  }

  public Ipv4Address first() {
    return network;
  }

  public Ipv4Address last() {
    return network.plus(size() - 1);
  }

  public boolean contains(Ipv4Address address) {
    return (address.bits() & mask(prefixLength)) == network.bits();
  }

  public boolean overlaps(Ipv4Cidr other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    return (network.bits() & mask(shorter)) == (other.network.bits() & mask(shorter));
  }

  /** Network and broadcast addresses cannot be given to a host on prefixes shorter than /31. */
  public boolean isUsableHost(Ipv4Address address) {
    if (!contains(address)) return false;
    if (prefixLength >= 31) return true;
    return !address.equals(first()) && !address.equals(last());
  }

  public Ipv4Address netmask() {
    return new Ipv4Address(mask(prefixLength));
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
