package io.tenet.switches.compile;

import java.util.List;

/**
 * A router's external gateway that this datapath carries: the gateway's MAC and external address
 * on the external network (VNI {@code externalVni}, reached through OpenFlow port
 * {@code patchOfport}, tagged with {@code vlanId} there unless null), the conntrack zone its translations live in on this datapath, whether
 * VMs without a floating IP leave with the external address ({@code snat}), the router's legs on
 * its internal networks, the floating IPs it translates one to one, and the gate that lets traffic
 * from outside in only while this host is the one carrying it.
 */
public record GatewayPlan(String routerId, int natZone, String mac, String externalIp, boolean snat, int externalVni, long patchOfport, Integer vlanId,
    List<RouterLeg> legs, List<FloatingIpPlan> floatingIps, GatewayGate gate) {
  public GatewayPlan {
    legs = List.copyOf(legs);
    floatingIps = List.copyOf(floatingIps);
  }

  /** The gateway of a single host (or of the host ranked first). */
  public GatewayPlan(String routerId, int natZone, String mac, String externalIp, boolean snat, int externalVni, long patchOfport, Integer vlanId,
      List<RouterLeg> legs, List<FloatingIpPlan> floatingIps) {
    this(routerId, natZone, mac, externalIp, snat, externalVni, patchOfport, vlanId, legs, floatingIps, GatewayGate.first(natZone));
  }

  /** A gateway on a flat external network. */
  public GatewayPlan(String routerId, int natZone, String mac, String externalIp, boolean snat, int externalVni, long patchOfport, List<RouterLeg> legs,
      List<FloatingIpPlan> floatingIps) {
    this(routerId, natZone, mac, externalIp, snat, externalVni, patchOfport, null, legs, floatingIps);
  }

  /** A gateway on a flat external network translating no floating IP. */
  public GatewayPlan(String routerId, int natZone, String mac, String externalIp, boolean snat, int externalVni, long patchOfport, List<RouterLeg> legs) {
    this(routerId, natZone, mac, externalIp, snat, externalVni, patchOfport, null, legs, List.of());
  }
}
