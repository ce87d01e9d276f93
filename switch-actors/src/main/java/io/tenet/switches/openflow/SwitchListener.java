package io.tenet.switches.openflow;

import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/** Told when a switch has finished its handshake (datapath id known, SLAVE requested) and when it is gone. Called on Netty's event loop: do not block. */
public interface SwitchListener {
  void connected(SwitchConnection connection);

  void disconnected(SwitchConnection connection);

  /** Another controller took over as master with a newer generation; this connection is SLAVE now. */
  default void roleChanged(SwitchConnection connection, RoleStatus status) {}

  /** A port was added, removed or changed state (every connection gets these, slaves too). */
  default void portStatus(SwitchConnection connection, OFPortStatus status) {}

  /** A packet the flows sent to the controller (DHCP). Only a master or equal connection gets them. */
  default void packetIn(SwitchConnection connection, OFPacketIn packet) {}
}
