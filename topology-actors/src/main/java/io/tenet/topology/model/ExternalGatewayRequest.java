package io.tenet.topology.model;

/**
 * A router's way out as a client asks for it: the external network, and whether VMs without a
 * floating IP leave through source NAT (default true). Without {@code networkId} ({@code {}}) the
 * router's external gateway is removed.
 */
public record ExternalGatewayRequest(String networkId, Boolean enableSnat) {}
