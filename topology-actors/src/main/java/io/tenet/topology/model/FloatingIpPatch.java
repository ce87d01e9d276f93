package io.tenet.topology.model;

/** Associates the floating IP with {@code portId} (moving it if it was elsewhere), or, without a port ({@code {}} or null), dissociates it. */
public record FloatingIpPatch(String portId, String fixedIpAddress) {}
