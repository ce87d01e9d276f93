package io.tenet.switches.dhcp;

/**
 * A frame that is not a DHCP message this server can read: truncated, malformed, or another
 * protocol. Checked, so every reader of untrusted packet-ins decides what to do with one.
 */
public final class DhcpFrameException extends Exception {
  public DhcpFrameException(String message) {
    super(message);
  }
}
