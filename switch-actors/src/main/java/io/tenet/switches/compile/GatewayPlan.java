package io.tenet.switches.compile;

import java.util.List;

/**
 * A router's external gateway that this datapath carries: the gateway's MAC and external address
 * on the external network (VNI {@code externalVni}, reached through OpenFlow port
 * {@code patchOfport}, tagged with {@code vlanId} there unless null), the conntrack zone its translations live in on this datapath, whether
 * VMs without a floating IP leave with the external address ({@code snat}), the router's legs on
 * its internal networks, and the floating IPs it translates one to one.
 */
public record GatewayPlan(String routerId, int natZone, String mac, String externalIp, boolean snat, int externalVni, long patchOfport, Integer vlanId,
    List<RouterLeg> legs, List<FloatingIpPlan> floatingIps) {
  public GatewayPlan {
    legs = List.copyOf(legs);
    floatingIps = List.copyOf(floatingIps);
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
