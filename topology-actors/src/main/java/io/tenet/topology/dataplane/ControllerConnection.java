package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;

/**
 * One OpenFlow controller target of a datapath's bridge as OVS reports it (its Controller row):
 * whether OVS is connected to it now and the role it granted ({@code master}, {@code slave},
 * {@code other}; null while unknown).
 */
public record ControllerConnection(String target, boolean connected, String role) implements TenetSerializable {}
