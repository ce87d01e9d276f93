package io.tenet.topology.realization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one network has heard from the datapaths implementing it, and the realization of any
 * version derived from that. Held in memory by the network's entity: datapaths confirm again on
 * every anti-entropy pull, so a restarted entity learns the state within one such period.
 */
public final class RealizationLedger {
  private final Map<String, DatapathReport> reports = new HashMap<>();

  /** {@code version} was confirmed by barrier on the datapath; clears any trouble it reported. Older confirmations are ignored. */
  public void confirmed(String datapathId, String hostname, long version, Instant at) {
    DatapathReport known = reports.get(datapathId);
    if (known != null && known.trouble() == null && known.confirmedVersion() != null && known.confirmedVersion() >= version) return;
    long newest = known == null || known.confirmedVersion() == null ? version : Math.max(version, known.confirmedVersion());
    reports.put(datapathId, new DatapathReport(hostname, newest, newest == version ? at : known.confirmedAt(), null));
  }

  /** The datapath cannot confirm anything until it confirms again; what it confirmed before is kept for the record. */
  public void troubled(String datapathId, String hostname, DataplaneTrouble trouble) {
    DatapathReport known = reports.get(datapathId);
    reports.put(datapathId, known == null ? new DatapathReport(hostname, null, null, trouble)
        : new DatapathReport(hostname, known.confirmedVersion(), known.confirmedAt(), trouble));
  }

  /**
   * The realization of {@code desiredVersion} on {@code datapaths} (datapath id to hostname, in
   * the order to show). With no datapath to implement it, an object is realized.
   */
  public Realization realizationOf(long desiredVersion, Map<String, String> datapaths) {
    List<DatapathRealization> parts = new ArrayList<>();
    RealizationState overall = RealizationState.REALIZED;
    for (Map.Entry<String, String> datapath : datapaths.entrySet()) {
      DatapathRealization part = partOf(datapath.getKey(), datapath.getValue(), desiredVersion);
      parts.add(part);
      overall = overall.worst(part.state());
    }
    return new Realization(overall, desiredVersion, parts, summary(parts, desiredVersion));
  }

  private DatapathRealization partOf(String datapathId, String hostname, long desiredVersion) {
    DatapathReport report = reports.get(datapathId);
    String who = "datapath " + datapathId + (hostname == null ? "" : " (" + hostname + ")");
    if (report == null) {
      return new DatapathRealization(datapathId, hostname, null, null, RealizationState.PENDING, who + " has not confirmed any version yet");
    }
    Long confirmed = report.confirmedVersion();
    DataplaneTrouble trouble = report.trouble();
    if (trouble != null) {
      return new DatapathRealization(datapathId, hostname, confirmed, report.confirmedAt(),
          trouble.refused() ? RealizationState.ERROR : RealizationState.PENDING, who + ": " + trouble.reason() + " (since " + trouble.since() + ")");
    }
    if (confirmed < desiredVersion) {
      return new DatapathRealization(datapathId, hostname, confirmed, report.confirmedAt(), RealizationState.PENDING,
          who + " confirmed version " + confirmed + ", not yet " + desiredVersion);
    }
    return new DatapathRealization(datapathId, hostname, confirmed, report.confirmedAt(), RealizationState.REALIZED, null);
  }

  private static String summary(List<DatapathRealization> parts, long desiredVersion) {
    List<DatapathRealization> missing = parts.stream().filter(p -> p.state() != RealizationState.REALIZED).toList();
    if (missing.isEmpty()) return null;
    if (missing.size() == 1) return missing.get(0).reason();
    return missing.size() + " of " + parts.size() + " datapaths have not confirmed version " + desiredVersion + "; first: " + missing.get(0).reason();
  }
}
