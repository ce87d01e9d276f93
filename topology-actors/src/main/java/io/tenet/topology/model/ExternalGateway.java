package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * A router's leg on an external network: the gateway port holding its external address and MAC on
 * the external subnet {@code cidr} (whose gateway, {@code nextHop}, leads beyond it), the external
 * network's VNI and physical segment, whether VMs without a floating IP leave through source NAT
 * to {@code ipAddress}, and the gateway hypervisors that may carry it, highest priority first.
 */
public record ExternalGateway(String networkId, boolean enableSnat, String portId, String ipAddress, String macAddress, String cidr, String nextHop,
    int networkVni, ProviderSegment segment, List<GatewayHost> hosts) implements TenetSerializable {
  public ExternalGateway {
    hosts = Lists.copyOrEmpty(hosts);
  }

  /** The host that carries the gateway while every host is alive. */
  public GatewayHost preferredHost() {
    return hosts.isEmpty() ? null : hosts.get(0);
  }
}
