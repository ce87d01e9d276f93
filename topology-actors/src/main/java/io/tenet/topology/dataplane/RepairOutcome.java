package io.tenet.topology.dataplane;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a repair of one datapath (or of one network on it) ended. */
public enum RepairOutcome {
  /** The switch held exactly what it should: nothing sent. */
  IN_SYNC,
  /** Differences were found and corrected, confirmed by a barrier. */
  REPAIRED,
  /** The switch refused or did not answer; see the reason. */
  FAILED,
  /** This datapath has no master connection now (switch or node down): nothing could be read. */
  NOT_MASTER,
  /** The datapath does not serve the network asked for. */
  NOT_SERVED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RepairOutcome of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
