package io.tenet.switches.flow;

/**
 * The packet fields flows may match or set, named as {@code ovs-ofctl} prints them so a golden
 * dump reads like what an operator sees on the switch. Enum order is the printing order.
 */
public enum MatchField {
  /** The conjunction a packet completed (OVS's NXM_NX_CONJ_ID); only the flow acting on a completed conjunction matches it. */
  CONJ_ID("conj_id"),
  IN_PORT("in_port"),
  TUN_ID("tun_id"),
  TUN_DST("tun_dst"),
  /** OpenFlow 1.3 VLAN_VID: 0 for an untagged frame, 0x1000 | the VLAN id for a tagged one. */
  VLAN_VID("vlan_vid"),
  METADATA("metadata"),
  ETH_SRC("dl_src"),
  ETH_DST("dl_dst"),
  ETH_TYPE("dl_type"),
  ARP_OP("arp_op"),
  ARP_SPA("arp_spa"),
  ARP_TPA("arp_tpa"),
  ARP_SHA("arp_sha"),
  ARP_THA("arp_tha"),
  IPV4_SRC("nw_src"),
  IPV4_DST("nw_dst"),
  IP_PROTO("nw_proto"),
  UDP_SRC("tp_src"),
  UDP_DST("tp_dst"),
  ICMP_TYPE("icmp_type"),
  ICMP_CODE("icmp_code"),
  CT_STATE("ct_state"),
  CT_MARK("ct_mark");

  private final String ofctlName;

  MatchField(String ofctlName) {
    this.ofctlName = ofctlName;
  }

  public String ofctlName() {
    return ofctlName;
  }
}
