package io.tenet.switches.dhcp;

import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the DHCP service hands to one port: its address and its subnet's settings, and who
 * answers (serverIp, the subnet's DHCP server address; serverMac, see {@link DhcpServerMac}).
 * gateway and domainName may be null. Addresses are validated and kept canonical (lower-case
 * MACs, dotted quads), so comparing them with a parsed frame is plain string equality.
 */
public record DhcpLease(
    String clientMac, String ip, int prefixLength, String gateway, List<String> dnsServers, int mtu,
    List<HostRoute> hostRoutes, int leaseSeconds, String serverIp, String serverMac, String domainName) {

  /** A route for the VM, sent as an RFC 3442 classless static route (option 121). */
  public record HostRoute(String destination, String nexthop) {
    public HostRoute {
      String given = destination;
      destination = Ipv4Cidr.parse(given)
          .orElseThrow(() -> new IllegalArgumentException("host route destination is not a CIDR with zero host bits: " + given)).toString();
      nexthop = Wire.checkIp("host route nexthop", nexthop);
    }

    public boolean isDefault() {
      return destination.equals("0.0.0.0/0");
    }
  }

  public DhcpLease {
    clientMac = Wire.checkMac("client MAC", clientMac);
    ip = Wire.checkIp("lease IP", ip);
    if (prefixLength < 1 || prefixLength > 32) throw new IllegalArgumentException("prefix length must be 1..32: " + prefixLength);
    if (gateway != null) gateway = Wire.checkIp("gateway", gateway);
    dnsServers = dnsServers.stream().map(dns -> Wire.checkIp("DNS server", dns)).toList();
    // option 26: RFC 2132 §5.1 puts the minimum at 68; the value is 16 bits
    if (mtu < 68 || mtu > 0xffff) throw new IllegalArgumentException("MTU must be 68..65535: " + mtu);
    hostRoutes = List.copyOf(hostRoutes);
    if (leaseSeconds < 1) throw new IllegalArgumentException("lease time must be positive: " + leaseSeconds);
    serverIp = Wire.checkIp("server IP", serverIp);
    serverMac = Wire.checkMac("server MAC", serverMac);
    if (domainName != null && !isOptionText(domainName)) {
      throw new IllegalArgumentException("domain name must be 1..255 printable ASCII characters: " + domainName);
    }
  }

  /** The dotted netmask of prefixLength, for option 1. */
  public String subnetMask() {
    return new Ipv4Address(Ipv4Cidr.mask(prefixLength)).toString();
  }

  private static boolean isOptionText(String text) {
    return !text.isEmpty() && text.getBytes(StandardCharsets.US_ASCII).length <= 255 && text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
