package io.tenet.switches.compile;

import java.util.List;

/** A port of a served network that is plugged into another hypervisor, reached through its tunnel endpoint. */
public record RemotePort(String portId, String mac, List<String> ips, String encapIp) {
  public RemotePort {
    ips = List.copyOf(ips);
  }
}
