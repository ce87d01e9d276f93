package io.tenet.switches.dhcp;

import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.MacAddress;

/**
 * The MAC the DHCP service answers from, derived from the subnet's DHCP server IP: 02:00
 * (locally administered, unicast, outside the fa:16:3e range ports are given) followed by the
 * four octets of the address. Derived rather than stored, so every controller node and the ARP
 * responder flow for the server IP agree without any state. Unique within a network because
 * its subnets' server IPs are.
 */
public final class DhcpServerMac {
  private DhcpServerMac() {}

  public static String of(String serverIp) {
    Ipv4Address ip = Ipv4Address.parse(serverIp).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + serverIp));
    return new MacAddress((0x0200L << 32) | ip.unsigned()).toString();
  }
}
