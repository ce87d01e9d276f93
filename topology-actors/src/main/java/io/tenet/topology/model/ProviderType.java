package io.tenet.topology.model;

/** How an external network sits on its physical network: the whole untagged segment, or one VLAN of it. */
public enum ProviderType { FLAT, VLAN }
