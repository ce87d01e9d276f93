package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway hypervisor chosen to carry a router's external gateway or a network's layer-2 gateway: its datapath, name and tunnel
 * endpoint, and its priority (higher is preferred; the live host with the highest is active).
 */
public record GatewayHost(String datapathId, String hostname, String encapIp, int priority) implements TenetSerializable {
  /**
   * The order in which {@code hosts} (highest priority first) carry a gateway: the active one, then
   * the others by priority. Every hypervisor follows it: a host is active while those ranked before
   * it are unreachable.
   */
  public static List<GatewayHost> ranked(List<GatewayHost> hosts, String activeDatapathId) {
    GatewayHost active = hosts.stream().filter(host -> host.datapathId().equals(activeDatapathId)).findFirst().orElse(null);
    if (active == null) return hosts;
    List<GatewayHost> ranked = new ArrayList<>(List.of(active));
    hosts.stream().filter(host -> host != active).forEach(ranked::add);
    return List.copyOf(ranked);
  }
}
