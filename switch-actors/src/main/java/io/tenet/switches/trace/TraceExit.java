package io.tenet.switches.trace;

import io.tenet.switches.flow.MatchField;

/** Where a copy of a traced packet left the pipeline. Each carries the packet as it left. */
public sealed interface TraceExit {
  Packet packet();

  /** Out of a local OpenFlow port (also back out of the port it came in on, for ARP answers). */
  record ToPort(long ofport, Packet packet) implements TraceExit {}

  /** Into the tunnel port, toward {@code tunnelDst} with VNI {@code tunId}. */
  record IntoTunnel(long ofport, String tunId, String tunnelDst, Packet packet) implements TraceExit {
    static IntoTunnel of(long ofport, Packet packet) {
      return new IntoTunnel(ofport, packet.get(MatchField.TUN_ID), packet.get(MatchField.TUN_DST), packet);
    }
  }

  /** Handed to the controller (DHCP). */
  record ToController(Packet packet) implements TraceExit {}
}
