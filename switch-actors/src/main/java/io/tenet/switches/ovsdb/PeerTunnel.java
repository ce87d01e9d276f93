package io.tenet.switches.ovsdb;

/**
 * One peer tunnel as OVS reports it: its OpenFlow port (-1 until OVS gave it one) and its BFD state
 * ("up", "down", "init", "admin_down"; "unknown" until BFD reports).
 */
public record PeerTunnel(long ofport, String bfdState) {
  public static final String UP = "up";

  public boolean up() {
    return UP.equals(bfdState);
  }
}
