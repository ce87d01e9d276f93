package io.tenet.topology.ipam;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.net.Ipv4Address;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Checks a new subnet list against a network's current one and its ports: a subnet in use
 * cannot go, and a kept subnet's addressing (CIDR, gateway, pools) cannot move under its ports.
 */
public final class SubnetChanges {
  private SubnetChanges() {}

  public static void check(List<Subnet> current, List<Subnet> next, Collection<AddressReservation> ports) {
    for (Subnet old : current) {
      Subnet kept = next.stream().filter(s -> s.id().equals(old.id())).findFirst().orElse(null);
      if (kept == null) {
        boolean used = ports.stream().flatMap(p -> p.fixedIps().stream()).anyMatch(ip -> ip.subnetId().equals(old.id()));
        if (used) throw new ProblemException(new Problem(ProblemCode.SUBNET_IN_USE, "subnet " + old.cidr() + " still has ports; delete them first", "subnets"));
        continue;
      }
      if (!kept.cidr().equals(old.cidr()) || !kept.gatewayIp().equals(old.gatewayIp()) || !kept.allocationPools().equals(old.allocationPools())) {
        throw new ProblemException(new Problem(ProblemCode.NOT_UPDATABLE,
            "cidr, gateway_ip and allocation_pools of subnet " + old.id() + " cannot change; add a new subnet instead", "subnets"));
      }
    }
    for (Subnet subnet : next) {
      if (subnet.dhcpServerIp() == null || current.stream().anyMatch(s -> s.id().equals(subnet.id()) && Objects.equals(s.dhcpServerIp(), subnet.dhcpServerIp()))) {
        continue;
      }
      // DHCP switched on for a subnet with ports: the server's address must still be free.
      Ipv4Address server = Ipv4Address.parse(subnet.dhcpServerIp()).orElseThrow();
      boolean taken = ports.stream().flatMap(p -> p.fixedIps().stream()).map(FixedIp::ipAddress).anyMatch(server.toString()::equals);
      if (taken) throw new ProblemException(new Problem(ProblemCode.IP_IN_USE,
          "the DHCP server address " + server + " of subnet " + subnet.cidr() + " is used by a port", "subnets"));
    }
  }
}
