package io.tenet.topology.ipam;

import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.Optional;
import java.util.Set;

/** Address arithmetic of one subnet: which addresses a port may hold, and the next free one. */
public final class SubnetIpam {
  private SubnetIpam() {}

  public static Ipv4Cidr cidr(Subnet subnet) {
    return Ipv4Cidr.parse(subnet.cidr()).orElseThrow();
  }

  /** Addresses the subnet keeps for the network itself. */
  public static boolean isReserved(Subnet subnet, Ipv4Address address) {
    String text = address.toString();
    return text.equals(subnet.gatewayIp()) || text.equals(subnet.dhcpServerIp());
  }

  /** Lowest free address in the allocation pools, in pool order. */
  public static Optional<Ipv4Address> firstFree(Subnet subnet, Set<String> used) {
    for (IpRange pool : subnet.allocationPools()) {
      Ipv4Address start = Ipv4Address.parse(pool.start()).orElseThrow();
      long count = Ipv4Address.parse(pool.end()).orElseThrow().unsigned() - start.unsigned() + 1;
      for (long offset = 0; offset < count; offset++) {
        Ipv4Address candidate = start.plus(offset);
        if (!isReserved(subnet, candidate) && !used.contains(candidate.toString())) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
