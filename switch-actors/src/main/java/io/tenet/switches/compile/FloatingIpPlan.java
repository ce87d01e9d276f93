package io.tenet.switches.compile;

/** A floating IP as its gateway's flows need it: the external address and the internal one it stands for. */
public record FloatingIpPlan(String floatingIp, String fixedIp) {}
