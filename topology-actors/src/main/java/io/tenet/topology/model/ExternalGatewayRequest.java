package io.tenet.topology.model;

import java.util.List;

/**
 * A router's way out as a client asks for it: the external network, whether VMs without a
 * floating IP leave through source NAT (default true), and, from an administrator only, the
 * gateway hypervisors with their priorities ({@code hosts}; null: chosen by the controller, or kept
 * while the gateway stays on its network). Naming hosts makes the one with the highest priority
 * active. Without {@code networkId} ({@code {}}) the router's external gateway is removed.
 */
public record ExternalGatewayRequest(String networkId, Boolean enableSnat, List<GatewayHostRequest> hosts) {
  public ExternalGatewayRequest(String networkId, Boolean enableSnat) {
    this(networkId, enableSnat, null);
  }
}
