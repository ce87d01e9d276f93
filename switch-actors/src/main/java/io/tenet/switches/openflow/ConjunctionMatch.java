package io.tenet.switches.openflow;

import com.google.common.hash.PrimitiveSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFValueType;

/**
 * A Loxi match plus conj_id (NXM_NX_CONJ_ID), which Loxi has no field for: {@code rest} holds the
 * other fields. Written as one OXM match whose last entry is conj_id; what the switch reports back
 * is compared as a {@link WireMatch}, where conj_id is one entry like the others.
 */
public record ConjunctionMatch(Match rest, long conjunctionId) implements Match {
  /** Class 0x0001, field 37, 4 bytes, no mask (OVS never masks it). */
  static final int NXM_NX_CONJ_ID = 0x00014a04;

  public ConjunctionMatch {
    if (conjunctionId < 0 || conjunctionId > 0xffff_ffffL) throw new IllegalArgumentException("a conjunction id is 32 bits: " + conjunctionId);
  }

  private static int padding(int length) {
    return (length + 7) / 8 * 8 - length;
  }

  @Override
  public void writeTo(ByteBuf bb) {
    ByteBuf own = Unpooled.buffer();
    try {
      rest.writeTo(own);
      int entries = own.getUnsignedShort(2) - 4;
      int length = 4 + entries + 8;
      bb.writeShort(WireMatch.OFPMT_OXM);
      bb.writeShort(length);
      bb.writeBytes(own, 4, entries);
      bb.writeInt(NXM_NX_CONJ_ID);
      bb.writeInt((int) conjunctionId);
      bb.writeZero(padding(length));
    } finally {
      own.release();
    }
  }

  @Override
  public <F extends OFValueType<F>> F get(MatchField<F> field) {
    return rest.get(field);
  }

  @Override
  public <F extends OFValueType<F>> Masked<F> getMasked(MatchField<F> field) {
    return rest.getMasked(field);
  }

  @Override
  public boolean supports(MatchField<?> field) {
    return rest.supports(field);
  }

  @Override
  public boolean supportsMasked(MatchField<?> field) {
    return rest.supportsMasked(field);
  }

  @Override
  public boolean isExact(MatchField<?> field) {
    return rest.isExact(field);
  }

  @Override
  public boolean isFullyWildcarded(MatchField<?> field) {
    return rest.isFullyWildcarded(field);
  }

  @Override
  public boolean isPartiallyMasked(MatchField<?> field) {
    return rest.isPartiallyMasked(field);
  }

  @Override
  public Iterable<MatchField<?>> getMatchFields() {
    return rest.getMatchFields();
  }

  /** Loxi's builders know no conj_id: build the rest and wrap it. */
  @Override
  public Match.Builder createBuilder() {
    throw new UnsupportedOperationException("a conj_id match has no Loxi builder");
  }

  @Override
  public OFVersion getVersion() {
    return OFVersion.OF_13;
  }

  @Override
  public void putTo(PrimitiveSink sink) {
    rest.putTo(sink);
    sink.putLong(conjunctionId);
  }

  @Override
  public String toString() {
    return "conj_id=" + conjunctionId + "," + rest;
  }
}
