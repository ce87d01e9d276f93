package io.tenet.switches.dhcp;

/** What the DHCP service does with one packet-in: reply, or stay silent and say why (for the log). */
public sealed interface DhcpDecision {

  /** The frame to packet-out to the port the request came in on (not copied: the caller owns it). */
  record Reply(DhcpMessageType type, byte[] frame) implements DhcpDecision {}

  record Silence(String reason) implements DhcpDecision {}
}
