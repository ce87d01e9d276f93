package io.tenet.switches.pipeline;

import io.tenet.switches.flow.MatchField;
import java.util.EnumSet;
import java.util.Set;

/**
 * The pipeline of br-int, in packet order; docs/pipeline.md has a section per table. Each table
 * declares the fields its flows may match, so a flow built for the wrong table fails at once,
 * and what happens to a packet no flow of it matches. OpenFlow 1.3 only jumps forward, so ids grow.
 */
public enum Table {
  CLASSIFY(0, "classify", "which network: a local VM port, a tunnel by VNI, or a physical network's patch port by VLAN",
      EnumSet.of(MatchField.IN_PORT, MatchField.TUN_ID, MatchField.VLAN_VID), Miss.DROP),
  PORT_SECURITY(10, "port_sec", "drop frames whose source MAC/IP (or ARP sha/spa) the port does not own",
      EnumSet.of(MatchField.IN_PORT, MatchField.ETH_SRC, MatchField.ETH_TYPE, MatchField.IPV4_SRC, MatchField.IPV4_DST,
          MatchField.ARP_SHA, MatchField.ARP_SPA, MatchField.IP_PROTO, MatchField.UDP_SRC, MatchField.UDP_DST), Miss.DROP),
  EGRESS_ACL(20, "egress_acl", "IPv4 from a port with security groups goes through its conntrack zone (DHCP requests excepted)",
      EnumSet.of(MatchField.IN_PORT, MatchField.ETH_TYPE, MatchField.IP_PROTO, MatchField.UDP_SRC, MatchField.UDP_DST), Miss.NEXT),
  EGRESS_RULES(21, "egress_rules", "its connections: replies pass, invalid or revoked drop; what it sends is marked allowed if an egress rule of its groups allows it",
      EnumSet.of(MatchField.CONJ_ID, MatchField.IN_PORT, MatchField.ETH_TYPE, MatchField.CT_STATE, MatchField.CT_MARK, MatchField.IPV4_DST, MatchField.IP_PROTO,
          MatchField.UDP_DST, MatchField.ICMP_TYPE, MatchField.ICMP_CODE), Miss.FOLLOWING, true),
  EGRESS_VERDICT(22, "egress_verdict", "allowed: commit and go on; an established connection no rule allows any more: revoke it in conntrack and drop",
      EnumSet.of(MatchField.IN_PORT, MatchField.METADATA, MatchField.ETH_TYPE, MatchField.CT_STATE), Miss.DROP, true),
  GATEWAY_GATE(25, "gateway_gate", "a physical network's packets for a router's external gateway pass only on the gateway host active now (a fast-failover group on the BFD of the hosts ranked before)",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_TYPE, MatchField.ARP_TPA, MatchField.ETH_DST), Miss.NEXT, true),
  ARP_DHCP(30, "arp_dhcp", "answer ARP for known addresses on this host; DHCP to the controller",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_TYPE, MatchField.ARP_OP, MatchField.ARP_TPA, MatchField.IP_PROTO,
          MatchField.UDP_SRC, MatchField.UDP_DST), Miss.NEXT),
  L3_ROUTE(40, "l3_route", "distributed router: the gateway answers ping; packets to a router's MAC move to the destination's network",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_DST, MatchField.ETH_TYPE, MatchField.IPV4_DST, MatchField.IP_PROTO, MatchField.ICMP_TYPE), Miss.NEXT),
  L3_UNNAT(41, "l3_unnat", "a router's external gateway: after conntrack undid its NAT, a packet from outside enters the internal network it is for",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_DST, MatchField.ETH_TYPE, MatchField.IPV4_DST), Miss.DROP, true),
  L3_NEIGHBOR(45, "l3_neighbor", "a routed packet's destination IP to its MAC in the destination network (reached only from l3_route)",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_TYPE, MatchField.IPV4_DST), Miss.DROP, true),
  L2_LOOKUP(50, "l2_lookup", "destination MAC to a local port or a tunnel; broadcast to the network's flood group",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_DST), Miss.DROP),
  GATEWAY_SNAT(52, "gateway_snat", "a router's external gateway: what its networks send outside leaves with the router's external address",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_DST, MatchField.ETH_TYPE, MatchField.IPV4_SRC), Miss.DROP, true),
  GATEWAY_OUT(53, "gateway_out", "a router's external gateway: the packet joins the external network, from the gateway's MAC",
      EnumSet.of(MatchField.ETH_DST, MatchField.ETH_TYPE), Miss.DROP, true),
  EXTERNAL_NEIGHBOR(54, "external_neighbor", "an external network: the destination's (or the next hop's) MAC, out of the patch port to the physical network",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_TYPE, MatchField.IPV4_DST), Miss.DROP, true),
  INGRESS_ACL(60, "ingress_acl", "IPv4 to a local port with security groups goes through its conntrack zone",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_TYPE), Miss.NEXT),
  INGRESS_RULES(61, "ingress_rules", "its connections: replies pass, invalid or revoked drop; what it receives is marked allowed if an ingress rule of its groups allows it",
      EnumSet.of(MatchField.CONJ_ID, MatchField.METADATA, MatchField.ETH_TYPE, MatchField.CT_STATE, MatchField.CT_MARK, MatchField.IPV4_SRC, MatchField.IP_PROTO,
          MatchField.UDP_DST, MatchField.ICMP_TYPE, MatchField.ICMP_CODE), Miss.FOLLOWING, true),
  INGRESS_VERDICT(62, "ingress_verdict", "allowed: commit and deliver; an established connection no rule allows any more: revoke it in conntrack and drop",
      EnumSet.of(MatchField.METADATA, MatchField.ETH_TYPE, MatchField.CT_STATE), Miss.DROP, true),
  OUTPUT(70, "output", "deliver to the local port chosen in l2_lookup",
      EnumSet.of(MatchField.METADATA), Miss.DROP);

  /**
   * What a packet that matches no flow of the table does; the compiler writes it as a priority-0
   * flow. NEXT skips detours; FOLLOWING goes to the table right after, detour or not.
   */
  public enum Miss { DROP, NEXT, FOLLOWING }

  private final int id;
  private final String shortName;
  private final String job;
  private final Set<MatchField> matchable;
  private final Miss miss;
  private final boolean detour;

  Table(int id, String shortName, String job, Set<MatchField> matchable, Miss miss) {
    this(id, shortName, job, matchable, miss, false);
  }

  /** {@code detour}: packets only reach it by an explicit goto, never by another table's miss. */
  Table(int id, String shortName, String job, Set<MatchField> matchable, Miss miss, boolean detour) {
    this.detour = detour;
    this.id = id;
    this.shortName = shortName;
    this.job = job;
    this.matchable = matchable;
    this.miss = miss;
  }

  public int id() {
    return id;
  }

  public String shortName() {
    return shortName;
  }

  public String job() {
    return job;
  }

  public Miss miss() {
    return miss;
  }

  public boolean mayMatch(MatchField field) {
    return matchable.contains(field);
  }

  /** Where a packet that matches nothing here goes (null: dropped). */
  public Table missTarget() {
    return switch (miss) {
      case DROP -> null;
      case NEXT -> next();
      case FOLLOWING -> values()[ordinal() + 1];
    };
  }

  /** The table a packet goes to next when it matches nothing here (miss NEXT): the next one that is not a detour. */
  public Table next() {
    Table next = values()[ordinal() + 1];
    return next.detour ? next.next() : next;
  }
}
