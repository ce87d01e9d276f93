package io.tenet.topology.model;

import java.util.List;

/** The MAC and IPs a network has set aside for one port. */
public record AddressReservation(String portId, String macAddress, List<FixedIp> fixedIps) {
  public AddressReservation {
    fixedIps = Lists.copyOrEmpty(fixedIps);
  }
}
