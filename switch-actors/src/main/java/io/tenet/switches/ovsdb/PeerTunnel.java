package io.tenet.switches.ovsdb;

/**
 * One peer tunnel as OVS reports it: its OpenFlow port (-1 until OVS gave it one), its BFD state
 * ("up", "down", "init", "admin_down"; "unknown" until BFD reports) and BFD's flap count, which a
 * vswitchd counts from 0 at its start and raises as the session comes up and goes down.
 */
public record PeerTunnel(long ofport, String bfdState, int flapCount) {
  public static final String UP = "up";

  public boolean up() {
    return UP.equals(bfdState);
  }

  /** BFD was up in this vswitchd's life and is not now: the peer was there and is gone (not "not up yet"). */
  public boolean lost() {
    return !up() && flapCount > 0;
  }
}
