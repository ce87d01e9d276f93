package io.tenet.topology.model;

/** Traffic leaving a port (egress) or entering it (ingress). */
public enum RuleDirection { INGRESS, EGRESS }
