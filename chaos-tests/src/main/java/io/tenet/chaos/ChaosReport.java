package io.tenet.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: the load's pings and API requests, every acknowledged write checked
 * afterwards, and how long the datapaths took to have a master again and to converge. Written as
 * {@code <reports>/<scenario>.json}; {@link #summary()} is the human line. {@code lostPingRuns}:
 * per pair that lost pings, which seqs and when (UTC), to be lined up with the nodes' logs;
 * {@code longestLossPerPair}: per pair, the most pings lost in a row.
 */
record ChaosReport(String scenario, int pingsSent, int pingsLost, Map<String, Integer> pingsLostPerPair, Map<String, List<String>> lostPingRuns,
    Map<String, Integer> longestLossPerPair, int apiOk, int apiFailed, int apiRetries,
    int ackedWritesChecked, int ackedWritesLost, double remasterSecondsMax, double reconcileSecondsMax, double durationSeconds,
    Map<String, Object> details) {

  String summary() {
    return String.format("%s: pings %d sent, %d lost %s%s; API %d ok, %d failed (%d retries); acknowledged writes %d checked, %d lost; "
            + "re-mastered after %.2f s, converged after %.2f s; %.0f s in all",
        scenario, pingsSent, pingsLost, pingsLostPerPair, lostPingRuns.isEmpty() ? "" : " " + lostPingRuns, apiOk, apiFailed, apiRetries, ackedWritesChecked, ackedWritesLost,
        remasterSecondsMax, reconcileSecondsMax, durationSeconds);
  }

  void write(Path directory) throws IOException {
    ObjectNode json = ChaosWorld.JSON.createObjectNode();
    json.put("scenario", scenario);
    json.put("pings_sent", pingsSent);
    json.put("pings_lost", pingsLost);
    json.putPOJO("pings_lost_per_pair", pingsLostPerPair);
    json.putPOJO("lost_ping_runs", lostPingRuns);
    json.putPOJO("longest_loss_per_pair", longestLossPerPair);
    json.put("api_ok", apiOk);
    json.put("api_failed", apiFailed);
    json.put("api_retries", apiRetries);
    json.put("acked_writes_checked", ackedWritesChecked);
    json.put("acked_writes_lost", ackedWritesLost);
    json.put("remaster_seconds_max", remasterSecondsMax);
    json.put("reconcile_seconds_max", reconcileSecondsMax);
    json.put("duration_seconds", durationSeconds);
    json.putPOJO("details", details);
    json.put("summary", summary());
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(scenario + ".json"), ChaosWorld.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
  }
}
