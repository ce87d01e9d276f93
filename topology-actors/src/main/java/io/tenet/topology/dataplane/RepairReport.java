package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;

/**
 * The answer of one datapath to a repair: what it compared ({@code scope}: the whole datapath or
 * one network), how it ended, what it changed and, when it could not, why.
 */
public record RepairReport(String datapathId, String hostname, String scope, RepairOutcome outcome, RepairCount changed, String reason)
    implements TenetSerializable {
  /** {@code scope} of a repair of every flow and group of the datapath. */
  public static final String WHOLE_DATAPATH = "datapath";

  /** {@code scope} of a repair of one network's flows and groups. */
  public static String networkScope(String networkId) {
    return "network " + networkId;
  }

  public static RepairReport unavailable(String datapathId, String scope, String reason) {
    return new RepairReport(datapathId, null, scope, RepairOutcome.NOT_MASTER, RepairCount.NONE, reason);
  }
}
