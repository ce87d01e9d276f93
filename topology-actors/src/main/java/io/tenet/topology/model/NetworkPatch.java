package io.tenet.topology.model;

import java.util.List;

/** Changes to a network; a null field stays as it is. {@code subnets} replaces the whole list (matched by id). */
public record NetworkPatch(String name, Integer mtu, Boolean adminStateUp, List<SubnetRequest> subnets) {}
