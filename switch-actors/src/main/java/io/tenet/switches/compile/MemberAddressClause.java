package io.tenet.switches.compile;

import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;

/**
 * A remote group's member address as the second clause of the conjunctions naming its groups, in
 * one table: packets from it (ingress rules) or to it (egress rules). One flow per clause.
 */
public record MemberAddressClause(Table table, MatchField field, String address) {}
