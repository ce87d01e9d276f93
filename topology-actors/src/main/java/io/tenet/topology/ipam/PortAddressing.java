package io.tenet.topology.ipam;

import static io.tenet.topology.model.ProblemException.invalid;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.MacAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the MAC and IPs of a new port from what it asked for and what the network already
 * gave out. Pure: the Network entity persists the result, which makes it the single writer.
 */
public final class PortAddressing {
  private PortAddressing() {}

  /**
   * @param usedIps every address held by a port of the network (subnets of one network never overlap)
   * @param usedMacs every MAC held by a port of the network
   */
  public static Outcome<AddressReservation> reserve(String portId, PortSpec spec, List<Subnet> subnets, Set<String> usedIps, Set<String> usedMacs) {
    return ProblemException.outcome(() -> new AddressReservation(portId, mac(spec, usedMacs, portId), ips(spec, subnets, usedIps)));
  }

  private static String mac(PortSpec spec, Set<String> usedMacs, String portId) {
    if (spec.requestedMac() == null) return MacAllocator.allocate(portId, usedMacs).toString();
    String mac = MacAddress.parse(spec.requestedMac()).orElseThrow().toString();
    if (usedMacs.contains(mac)) {
      throw new ProblemException(new Problem(ProblemCode.MAC_IN_USE, "MAC " + mac + " is already used by another port of this network", "mac_address"));
    }
    return mac;
  }

  private static List<FixedIp> ips(PortSpec spec, List<Subnet> subnets, Set<String> usedIps) {
    Set<String> taken = new HashSet<>(usedIps);
    List<FixedIp> result = new ArrayList<>();
    List<FixedIp> requested = spec.requestedIps();
    if (requested == null) { // nothing asked: one address from the first subnet with room, if any subnet
      if (subnets.isEmpty()) return result;
      for (Subnet subnet : subnets) {
        Optional<Ipv4Address> free = SubnetIpam.firstFree(subnet, taken);
        if (free.isPresent()) {
          result.add(new FixedIp(subnet.id(), free.get().toString()));
          return result;
        }
      }
      throw new ProblemException(new Problem(ProblemCode.SUBNET_EXHAUSTED,
          "no free address left in " + (subnets.size() == 1 ? "subnet " + subnets.get(0).cidr() : "any subnet of this network"), "fixed_ips"));
    }
    // Named addresses first, so an automatic pick never takes one the same request names later.
    List<FixedIp> chosen = new ArrayList<>(requested);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < requested.size(); i++) {
        if ((requested.get(i).ipAddress() == null) == (pass == 0)) continue;
        chosen.set(i, choose("fixed_ips[" + i + "]", requested.get(i), spec, subnets, taken));
      }
    }
    result.addAll(chosen);
    return result;
  }

  private static FixedIp choose(String field, FixedIp ask, PortSpec spec, List<Subnet> subnets, Set<String> taken) {
    {
      Subnet subnet = subnetFor(field, ask, subnets);
      String address;
      if (ask.ipAddress() == null) {
        address = SubnetIpam.firstFree(subnet, taken).map(Ipv4Address::toString).orElseThrow(() -> new ProblemException(
            new Problem(ProblemCode.SUBNET_EXHAUSTED, "no free address left in subnet " + subnet.cidr(), field)));
      } else {
        Ipv4Address ip = Ipv4Address.parse(ask.ipAddress()).orElseThrow();
        if (!SubnetIpam.cidr(subnet).isUsableHost(ip)) throw invalid(field + ".ip_address", ip + " is not a host address of subnet " + subnet.cidr());
        boolean gatewayForRouter = ip.toString().equals(subnet.gatewayIp()) && spec.isRouterInterface();
        if (SubnetIpam.isReserved(subnet, ip) && !gatewayForRouter) {
          throw new ProblemException(new Problem(ProblemCode.IP_IN_USE, ip + " is reserved in subnet " + subnet.cidr() + " (gateway or DHCP server)", field + ".ip_address"));
        }
        address = ip.toString();
        if (taken.contains(address)) {
          throw new ProblemException(new Problem(ProblemCode.IP_IN_USE, address + " is already used by another port of this network", field + ".ip_address"));
        }
      }
      taken.add(address);
      return new FixedIp(subnet.id(), address);
    }
  }

  private static Subnet subnetFor(String field, FixedIp ask, List<Subnet> subnets) {
    if (ask.subnetId() != null) {
      Subnet subnet = subnets.stream().filter(s -> s.id().equals(ask.subnetId())).findFirst()
          .orElseThrow(() -> invalid(field + ".subnet_id", "subnet " + ask.subnetId() + " is not a subnet of this network"));
      if (ask.ipAddress() != null && !SubnetIpam.cidr(subnet).contains(Ipv4Address.parse(ask.ipAddress()).orElseThrow())) {
        throw invalid(field + ".ip_address", ask.ipAddress() + " is outside subnet " + subnet.cidr());
      }
      return subnet;
    }
    Ipv4Address ip = Ipv4Address.parse(ask.ipAddress()).orElseThrow();
    return subnets.stream().filter(s -> SubnetIpam.cidr(s).contains(ip)).findFirst()
        .orElseThrow(() -> invalid(field + ".ip_address", ip + " is outside every subnet of this network"));
  }
}
