package io.tenet.topology.model;

import java.util.List;

/** Changes to a router; a null field stays as it is; {@code routes} replaces all static routes. */
public record RouterPatch(String name, Boolean adminStateUp, List<HostRoute> routes) {}
