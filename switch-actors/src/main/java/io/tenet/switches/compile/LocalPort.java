package io.tenet.switches.compile;

import io.tenet.topology.model.AddressPair;
import java.util.List;

/** A VM interface plugged into this datapath and bound to a logical port, with the address pairs it may also send from. */
public record LocalPort(String portId, String networkId, long ofport, String mac, List<String> ips, boolean portSecurity, List<AddressPair> allowedAddressPairs) {
  public LocalPort {
    ips = List.copyOf(ips);
    allowedAddressPairs = List.copyOf(allowedAddressPairs);
  }

  /** A port without address pairs. */
  public LocalPort(String portId, String networkId, long ofport, String mac, List<String> ips, boolean portSecurity) {
    this(portId, networkId, ofport, mac, ips, portSecurity, List.of());
  }

  /** The MACs of its pairs other than its own: frames to them are the port's too. */
  public List<String> extraMacs() {
    return PairMacs.extra(mac, allowedAddressPairs);
  }
}
