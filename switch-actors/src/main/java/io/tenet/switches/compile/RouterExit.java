package io.tenet.switches.compile;

/**
 * A router's way out through its external gateway, as the senders need it: the gateway's MAC, to
 * which packets for beyond the router's subnets are switched, and the tunnel endpoint of the
 * gateway hypervisor carrying it now ({@code activeEncapIp} null: this datapath carries it).
 */
public record RouterExit(String mac, String activeEncapIp) {
  public boolean here() {
    return activeEncapIp == null;
  }
}
