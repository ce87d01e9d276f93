package io.tenet.switches.compile;

import io.tenet.topology.model.AddressPair;
import java.util.List;

/**
 * A VM interface plugged into this datapath and bound to a logical port, with the address pairs it
 * may also send from and the security groups that filter it (with port security on).
 */
public record LocalPort(String portId, String networkId, long ofport, String mac, List<String> ips, boolean portSecurity, List<AddressPair> allowedAddressPairs,
    List<String> securityGroupIds) {
  public LocalPort {
    ips = List.copyOf(ips);
    allowedAddressPairs = List.copyOf(allowedAddressPairs);
    securityGroupIds = List.copyOf(securityGroupIds);
  }

  /** A port without address pairs and groups. */
  public LocalPort(String portId, String networkId, long ofport, String mac, List<String> ips, boolean portSecurity) {
    this(portId, networkId, ofport, mac, ips, portSecurity, List.of(), List.of());
  }

  /** A port without groups. */
  public LocalPort(String portId, String networkId, long ofport, String mac, List<String> ips, boolean portSecurity, List<AddressPair> allowedAddressPairs) {
    this(portId, networkId, ofport, mac, ips, portSecurity, allowedAddressPairs, List.of());
  }

  /**
   * Security groups filter the port's IPv4 traffic: port security is on and it is in a group.
   * (Neutron would drop everything of a port with port security and no group; here such a port is
   * held to port security only. Ports get the tenant's default group unless a client names none.)
   */
  public boolean filtered() {
    return portSecurity && !securityGroupIds.isEmpty();
  }

  /** The MACs of its pairs other than its own: frames to them are the port's too. */
  public List<String> extraMacs() {
    return PairMacs.extra(mac, allowedAddressPairs);
  }
}
