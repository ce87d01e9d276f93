package io.tenet.switches.compile;

import io.tenet.topology.model.AddressPair;
import java.util.List;

/** A port of a served network that is plugged into another hypervisor, reached through its tunnel endpoint. */
public record RemotePort(String portId, String mac, List<String> ips, String encapIp, List<AddressPair> allowedAddressPairs) {
  public RemotePort {
    ips = List.copyOf(ips);
    allowedAddressPairs = List.copyOf(allowedAddressPairs);
  }

  /** A port without address pairs. */
  public RemotePort(String portId, String mac, List<String> ips, String encapIp) {
    this(portId, mac, ips, encapIp, List.of());
  }

  /** The MACs of its pairs other than its own: frames to them go to its hypervisor too. */
  public List<String> extraMacs() {
    return PairMacs.extra(mac, allowedAddressPairs);
  }
}
