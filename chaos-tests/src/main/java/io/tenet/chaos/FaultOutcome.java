package io.tenet.chaos;

import java.util.Map;

/**
 * What a scenario measured about its fault: seconds from the fault until every affected datapath
 * had a master again and until its tables matched the desired state (0 when no datapath had to
 * move), plus scenario-specific details for the report.
 */
record FaultOutcome(double remasterSecondsMax, double reconcileSecondsMax, Map<String, Object> details) {
  FaultOutcome {
    details = Map.copyOf(details);
  }
}
