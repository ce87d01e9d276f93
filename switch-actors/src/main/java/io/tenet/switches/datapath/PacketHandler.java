package io.tenet.switches.datapath;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.openflow.SwitchConnection;
import io.tenet.topology.model.NetworkDataplane;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFPacketIn;

/** Answers packets the flows hand to the controller (DHCP), from the datapath's current view; called on the entity's thread, must not block. */
@FunctionalInterface
public interface PacketHandler {
  void handle(OFPacketIn packet, DatapathView view, Map<String, NetworkDataplane> networks, SwitchConnection connection);

  static PacketHandler ignore() {
    return (packet, view, networks, connection) -> {};
  }
}
