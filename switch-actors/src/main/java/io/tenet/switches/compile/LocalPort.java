package io.tenet.switches.compile;

import java.util.List;

/** A VM interface plugged into this datapath and bound to a logical port. */
public record LocalPort(String portId, String networkId, long ofport, String mac, List<String> ips, boolean portSecurity) {
  public LocalPort {
    ips = List.copyOf(ips);
  }
}
