package io.tenet.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection scenarios, short version, on one world of three controller nodes and three
 * hypervisors: every acknowledged write survives, no request fails for good, and no ping is lost
 * except where the fault itself takes a VM away (its OVS restarting, its migration during a
 * failover) or, one at a time, where it plugs VMs in and out (see
 * {@link Scenario#isolatedLossesAllowed}). Reports land in chaos-tests/reports/; deploy/bin/chaos runs the long version.
 */
class ChaosIT {
  @Test
  void everyScenarioKeepsEveryAcknowledgedWriteAndEveryPingItMay() throws Exception {
    ChaosRunner.Options options = ChaosRunner.Options.quick(Path.of("reports"));
    List<Scenario> scenarios = Scenario.all(options.outage());
    List<ChaosReport> reports = ChaosRunner.run(scenarios, options);
    assertEquals(scenarios.size(), reports.size());
    for (int i = 0; i < reports.size(); i++) {
      ChaosReport report = reports.get(i);
      Scenario scenario = scenarios.get(i);
      String summary = report.summary();
      assertTrue(report.ackedWritesChecked() > 0, "the load wrote nothing: " + summary);
      assertEquals(0, report.ackedWritesLost(), summary);
      assertEquals(0, report.apiFailed(), summary);
      for (Map.Entry<String, Integer> pair : report.pingsLostPerPair().entrySet()) {
        String name = pair.getKey();
        if (scenario.mayLosePings(name)) continue;
        int allowed = scenario.isolatedLossesAllowed(name);
        assertTrue(pair.getValue() <= allowed, name + " lost more than " + allowed + " pings: " + summary);
        assertTrue(report.longestLossPerPair().get(name) <= 1, name + " lost pings in a row: " + summary);
      }
    }
    ChaosReport outage = reports.stream().filter(r -> r.scenario().equals("cassandra-outage")).findFirst().orElseThrow();
    assertTrue(((List<?>) outage.details().get("reads_during_outage")).stream().allMatch(s -> s.equals(200)), "reads of live state: " + outage.details());
    assertTrue(((List<?>) outage.details().get("direct_writes_during_outage")).stream().allMatch(s -> s.equals(503)), "writes must answer 503: " + outage.details());
    for (ChaosReport report : reports) {
      if (!report.scenario().equals("cassandra-outage")) assertTrue(report.remasterSecondsMax() > 0, "nothing was re-mastered: " + report.summary());
    }
  }
}
