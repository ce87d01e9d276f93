package io.tenet.switches.ovsdb;

/**
 * A VM interface plugged into the integration bridge: the OVS Interface {@code name}, the OpenFlow
 * port OVS gave it, the logical port it belongs to ({@code external_ids:iface-id}) and
 * {@code external_ids:attached-mac} (null when the hypervisor did not set it).
 */
public record InterfaceBinding(String name, long ofport, String ifaceId, String attachedMac) {}
