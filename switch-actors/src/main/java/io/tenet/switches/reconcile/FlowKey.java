package io.tenet.switches.reconcile;

import io.tenet.switches.openflow.WireMatch;

/**
 * Where a flow sits: a switch holds at most one flow per table, priority and match, so this is
 * what an ADD replaces and a strict DELETE removes. The match is compared as sorted wire entries,
 * so the order in which the switch lists them does not matter.
 */
public record FlowKey(int tableId, int priority, WireMatch match) {}
