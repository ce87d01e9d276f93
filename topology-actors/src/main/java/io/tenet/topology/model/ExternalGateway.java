package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * A router's leg on an external network: the gateway port holding its external address and MAC on
 * the external subnet {@code cidr} (whose gateway, {@code nextHop}, leads beyond it), the external
 * network's VNI and physical segment, whether VMs without a floating IP leave through source NAT
 * to {@code ipAddress}, the gateway hypervisors that may carry it, highest priority first, and the
 * one active now ({@code activeDatapathId}: the first host when the gateway was set, the host an
 * administrator made first, or the one that took it over when the active one failed; null in
 * gateways recorded before it was kept: the first host). A host that took over stays active when
 * the failed one comes back: a gateway moves once per failure, not twice.
 */
public record ExternalGateway(String networkId, boolean enableSnat, String portId, String ipAddress, String macAddress, String cidr, String nextHop,
    int networkVni, ProviderSegment segment, List<GatewayHost> hosts, String activeDatapathId) implements TenetSerializable {
  public ExternalGateway {
    hosts = Lists.copyOrEmpty(hosts);
  }

  /** A gateway no host took over yet. */
  public ExternalGateway(String networkId, boolean enableSnat, String portId, String ipAddress, String macAddress, String cidr, String nextHop,
      int networkVni, ProviderSegment segment, List<GatewayHost> hosts) {
    this(networkId, enableSnat, portId, ipAddress, macAddress, cidr, nextHop, networkVni, segment, hosts, null);
  }

  /** The host that carries the gateway while it is alive. */
  public GatewayHost activeHost() {
    List<GatewayHost> ranked = rankedHosts();
    return ranked.isEmpty() ? null : ranked.get(0);
  }

  /** The active host first, then the others by priority ({@link GatewayHost#ranked}). */
  public List<GatewayHost> rankedHosts() {
    return GatewayHost.ranked(hosts, activeDatapathId);
  }

  /** The same gateway with {@code datapathId} active. */
  public ExternalGateway withActive(String datapathId) {
    return new ExternalGateway(networkId, enableSnat, portId, ipAddress, macAddress, cidr, nextHop, networkVni, segment, hosts, datapathId);
  }

  public boolean hasHost(String datapathId) {
    return hosts.stream().anyMatch(host -> host.datapathId().equals(datapathId));
  }
}
