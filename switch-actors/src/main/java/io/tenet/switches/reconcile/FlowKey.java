package io.tenet.switches.reconcile;

import org.projectfloodlight.openflow.protocol.match.Match;

/**
 * Where a flow sits: a switch holds at most one flow per table, priority and match, so this is
 * what an ADD replaces and a strict DELETE removes. Loxi's match compares its fields as a set,
 * so the order in which the switch lists them does not matter.
 */
public record FlowKey(int tableId, int priority, Match match) {}
