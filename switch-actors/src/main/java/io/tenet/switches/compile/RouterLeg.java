package io.tenet.switches.compile;

/**
 * A router's interface as the flows need it: the network it is on (and that network's VNI), the
 * interface's own port, MAC and address, and the subnet it routes to.
 */
public record RouterLeg(String networkId, int vni, String portId, String mac, String ip, String cidr) {}
