package io.tenet.bench;

import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PingResult;
import io.tenet.lab.RunningPing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restart convergence, the same for both systems, after {@link BulkConvergence}: every hypervisor's
 * tables are read as the controller left them, pings run across hypervisors, the controller is
 * killed (kill -9) and started again, and the clock stops when the controller says it caught up.
 * The pings, stopped 2 s later, say what the restart cost the VMs; then the tables are read until
 * they settle, to count what the controller reinstalled and what differs from before.
 */
final class RestartConvergence {
  static final long PING_INTERVAL_MS = 10;
  /** Streams of pings while the controller restarts: one per network, at most this many. */
  static final int PING_STREAMS = 10;
  private static final Duration STEADY_BEFORE = Duration.ofSeconds(1);
  private static final Duration WATCHED_AFTER = Duration.ofSeconds(2);
  /** Tables unchanged this long after the controller caught up count as settled. */
  private static final Duration SETTLED_AFTER = Duration.ofSeconds(1);

  /**
   * Seconds after the kill: the controller's processes running again, the controller saying it
   * caught up, and the last flow (re)installed ({@code null}: none was). Once the tables settled,
   * {@code entriesUnlikeBefore} of the {@code tableEntries} held before differ and
   * {@code flowsInstalled} were (re)installed since the kill. {@code pingsLost}: of {@code pingsSent}
   * from before the kill until 2 s after the controller caught up.
   */
  record Result(double startedSeconds, double caughtUpSeconds, Double lastInstallSeconds, int entriesUnlikeBefore, int flowsInstalled, int tableEntries,
      int pingStreams, int pingsSent, int pingsLost, double longestOutageMs, ControllerUsage usage) {}

  private RestartConvergence() {}

  static Result run(ComparedSystem system, OvsLab lab, List<BulkConvergence.Network> networks, Duration timeout) throws Exception {
    system.awaitCaughtUp(timeout);
    Map<Hypervisor, FlowTables> expected = new LinkedHashMap<>();
    for (Hypervisor hv : lab.hypervisors()) expected.put(hv, FlowTables.of(hv));
    int entries = expected.values().stream().mapToInt(FlowTables::size).sum();

    List<RunningPing> pings = new ArrayList<>();
    try {
      for (BulkConvergence.Network network : networks.subList(0, Math.min(PING_STREAMS, networks.size()))) {
        pings.add(network.vms().get(0).startPing(network.vms().get(1).ip(), PING_INTERVAL_MS));
      }
      awaitFirstReplies(pings, system.name());
      Thread.sleep(STEADY_BEFORE.toMillis());

      ControllerUsage.Start usage = ControllerUsage.start(system);
      long start = System.nanoTime();
      system.killController();
      system.startController();
      double started = BulkConvergence.secondsSince(start);
      system.awaitCaughtUp(timeout);
      double caughtUp = BulkConvergence.secondsSince(start);
      Thread.sleep(WATCHED_AFTER.toMillis());

      // the pings stop before the tables are read: a dump of thousands of flows stalls a userspace switch's forwarding
      int sent = 0;
      int lost = 0;
      int longestRun = 0;
      for (RunningPing ping : pings) {
        PingResult result = ping.stop();
        sent += result.transmitted();
        lost += result.lostSeqs().size();
        longestRun = Math.max(longestRun, result.longestLostRun());
      }
      ControllerUsage used = ControllerUsage.since(usage, system);

      int differing = awaitSettled(expected, timeout, system.name());
      int installed = 0;
      Double lastInstall = null;
      for (Hypervisor hv : expected.keySet()) {
        double sinceKill = (System.nanoTime() - start) / 1e9;
        FlowTables.Installs installs = FlowTables.installedWithin(hv.ofctl("dump-flows", "br-int"), sinceKill);
        installed += installs.count();
        if (installs.count() > 0) {
          double at = Math.round((sinceKill - installs.youngestSeconds()) * 100) / 100.0;
          lastInstall = lastInstall == null ? at : Math.max(lastInstall, at);
        }
      }
      SideBySideBenchmark.log(system.name() + ": restarted after " + started + " s, caught up after " + caughtUp + " s; " + installed + " flows installed since the kill"
          + (lastInstall == null ? "" : ", the last " + lastInstall + " s after it") + "; " + differing + " entries unlike before; " + lost + " of " + sent
          + " pings lost");
      return new Result(started, caughtUp, lastInstall, differing, installed, entries, pings.size(), sent, lost, longestRun * (double) PING_INTERVAL_MS, used);
    } finally {
      pings.forEach(RunningPing::stop);
    }
  }

  private static void awaitFirstReplies(List<RunningPing> pings, String system) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (RunningPing ping : pings) {
      while (ping.progress().replies().isEmpty()) {
        if (System.nanoTime() > deadline) throw new IllegalStateException(system + ": no reply to the ping to " + ping.target() + " before the restart");
        Thread.sleep(10);
      }
    }
  }

  /**
   * Reads every hypervisor's tables until they are as before the restart, or have not changed for
   * {@link #SETTLED_AFTER}: a controller may legitimately rebuild them otherwise (OVN numbers a
   * switch's conntrack zones anew when ovn-controller starts). Returns how many entries then differ.
   */
  private static int awaitSettled(Map<Hypervisor, FlowTables> expected, Duration timeout, String system) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Hypervisor, FlowTables> previous = null;
    long lastChange = System.nanoTime();
    while (true) {
      Map<Hypervisor, FlowTables> now = new LinkedHashMap<>();
      for (Hypervisor hv : expected.keySet()) now.put(hv, FlowTables.of(hv));
      if (now.equals(expected)) return 0;
      if (!now.equals(previous)) {
        previous = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > SETTLED_AFTER.toNanos()) {
        int differing = 0;
        for (Hypervisor hv : expected.keySet()) {
          differing += now.get(hv).differingEntries(expected.get(hv));
          if (!now.get(hv).equals(expected.get(hv))) SideBySideBenchmark.log(system + ": " + hv.name() + "'s tables settled unlike before the restart: " + now.get(hv).difference(expected.get(hv)));
        }
        return differing;
      }
      if (System.nanoTime() > deadline) throw new IllegalStateException(system + ": the tables did not settle within " + timeout.toSeconds() + " s");
      Thread.sleep(20);
    }
  }
}
