package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;

/**
 * A gateway hypervisor chosen to carry a router's external gateway: its datapath, name and tunnel
 * endpoint, and its priority (higher is preferred; the live host with the highest is active).
 */
public record GatewayHost(String datapathId, String hostname, String encapIp, int priority) implements TenetSerializable {}
