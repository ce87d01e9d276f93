package io.tenet.switches.datapath;

import io.tenet.switches.ovsdb.InterfaceBinding;
import java.util.Map;

/**
 * What one hypervisor's OVSDB says right now: its name, tunnel endpoint, the OpenFlow port of
 * its tunnel (-1 until OVS assigned one), and every VM interface bound to a logical port, by
 * port id. {@code connected} is false once the OVSDB connection is gone (the last picture stays:
 * OVS keeps forwarding without us).
 */
public record HypervisorReport(String datapathId, String hostname, String encapIp, long tunnelOfport, Map<String, InterfaceBinding> bindings,
    boolean connected) {
  public HypervisorReport {
    bindings = Map.copyOf(bindings);
  }

  public HypervisorReport disconnected() {
    return new HypervisorReport(datapathId, hostname, encapIp, tunnelOfport, bindings, false);
  }
}
