package io.tenet.switches.pipeline;

/** Flow priorities by meaning: within a table, a more specific purpose wins. */
public final class Priority {
  private Priority() {}

  public static final int MISS = 0;
  /** Everything a port may send once its addresses are checked, or a port without port security. */
  public static final int ALLOW = 100;
  /** A known destination: one MAC, one port, one address. */
  public static final int EXACT = 200;
  /** Broadcast and multicast to a network's flood group. */
  public static final int FLOOD = 150;
  /** Answers the controller or the switch gives itself (ARP replies, DHCP). */
  public static final int SERVICE = 300;
  /** Anything else addressed to a router's own interface: dropped, before a route could match it. */
  public static final int GATEWAY = 250;
  /** A router's routes: longer prefixes first, and a connected subnet before a static route of the same length. */
  public static int route(int prefixLength, boolean connected) {
    return 100 + 2 * prefixLength + (connected ? 1 : 0);
  }
  /** Security groups: a tracked packet that conntrack finds invalid, or of a revoked connection, is dropped before anything else. */
  public static final int CONNECTION_INVALID = 300;
  /** Security groups: replies and related packets of a known connection pass before any rule is looked at. */
  public static final int CONNECTION_KNOWN = 250;
  /** Security groups: a rule allowing what a port sends or receives (rules only add: their order does not matter). */
  public static final int RULE = 200;
  /** Security groups: the parts of rules naming a remote group, as conjunctions (all of one conjunction share a priority). */
  public static final int RULE_CONJUNCTIVE = 190;
  /** Security groups: an established connection no rule allows any more is revoked, below the port's allowed packets. */
  public static final int REVOKE = 50;
  /** DHCP from a port that has no address yet (0.0.0.0 -> 255.255.255.255). */
  public static final int DHCP_DISCOVER = 250;
  /** A router's way out through its external gateway: below every route, so a static default route still wins. */
  public static final int EXTERNAL_GATEWAY = 99;
  /** External networks: an on-link destination whose MAC is not known yet goes to the controller, which asks for it. */
  public static final int RESOLVE = 150;
  /** External networks: everything off the external subnet goes to the subnet's gateway. */
  public static final int OFF_LINK = 100;
  /** A layer-2 gateway: a local port's frame for a MAC no flow knows goes to the VLAN (below every known destination). */
  public static final int UNKNOWN_UNICAST = 10;
  /** A layer-2 gateway's host: what came from the VLAN takes its own way, above what the network's own ports' frames take. */
  public static final int FROM_VLAN = 320;
}
