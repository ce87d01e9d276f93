package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;

/**
 * The answer of one datapath to a repair: what it compared ({@code scope}: the whole datapath or
 * one network), how it ended, what it changed and, when it could not, why.
 */
public record RepairReport(String datapathId, String hostname, String scope, RepairOutcome outcome, RepairCount changed, String reason)
    implements TenetSerializable {
  public static RepairReport unavailable(String datapathId, String scope, String reason) {
    return new RepairReport(datapathId, null, scope, RepairOutcome.NOT_MASTER, RepairCount.NONE, reason);
  }
}
