package io.tenet.switches.compile;

import java.util.List;

/**
 * A router's external gateway that this datapath carries: the gateway's MAC and external address
 * on the external network (VNI {@code externalVni}, reached through OpenFlow port
 * {@code patchOfport}), the conntrack zone its translations live in on this datapath, whether
 * VMs without a floating IP leave with the external address ({@code snat}), and the router's
 * legs on its internal networks.
 */
public record GatewayPlan(String routerId, int natZone, String mac, String externalIp, boolean snat, int externalVni, long patchOfport,
    List<RouterLeg> legs) {
  public GatewayPlan {
    legs = List.copyOf(legs);
  }
}
