package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;

/** A floating IP as its router's gateway applies it: traffic to {@code floatingIp} goes to {@code fixedIp} of {@code portId}, and that address leaves as the floating one. */
public record FloatingIpBinding(String floatingIpId, String floatingIp, String fixedIp, String portId) implements TenetSerializable {}
