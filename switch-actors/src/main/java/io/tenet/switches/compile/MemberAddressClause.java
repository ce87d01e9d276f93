package io.tenet.switches.compile;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Table;

/**
 * A remote group's member address as the second clause of the conjunctions naming its groups, in
 * one table: packets from it (ingress rules) or to it (egress rules). One flow per clause.
 */
public record MemberAddressClause(Table table, MatchField field, String address) {
  // every datapath knowing a member keeps its clauses as keys of its parts: one object per clause in the node
  private static final Interner<MemberAddressClause> SHARED = Interners.newWeakInterner();

  /** The node's one object equal to {@code (table, field, address)}. */
  public static MemberAddressClause shared(Table table, MatchField field, String address) {
    return SHARED.intern(new MemberAddressClause(table, field, address));
  }

  // written out: a datapath compiling the addresses of several remote groups together looks every
  // clause up several times, and the generated record methods were a third of a busy node's samples
  @Override
  public int hashCode() {
    return (31 * table.ordinal() + field.ordinal()) * 31 + address.hashCode();
  }

  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof MemberAddressClause that && table == that.table && field == that.field && address.equals(that.address);
  }
}
