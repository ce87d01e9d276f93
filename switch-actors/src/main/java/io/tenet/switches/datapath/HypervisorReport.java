package io.tenet.switches.datapath;

import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.topology.dataplane.ControllerConnection;
import java.util.List;
import java.util.Map;

/**
 * What one hypervisor's OVSDB says right now: its name, tunnel endpoint, the OpenFlow port of
 * its tunnel (-1 until OVS assigned one), and every VM interface bound to a logical port, by
 * port id. {@code connected} is false once the OVSDB connection is gone (the last picture stays:
 * OVS keeps forwarding without us). {@code controllers}: br-int's OpenFlow controllers as OVS reports them.
 */
public record HypervisorReport(String datapathId, String hostname, String encapIp, long tunnelOfport, Map<String, InterfaceBinding> bindings,
    boolean connected, List<ControllerConnection> controllers) {
  public HypervisorReport {
    bindings = Map.copyOf(bindings);
    controllers = List.copyOf(controllers);
  }

  public HypervisorReport disconnected() {
    return new HypervisorReport(datapathId, hostname, encapIp, tunnelOfport, bindings, false, controllers);
  }
}
