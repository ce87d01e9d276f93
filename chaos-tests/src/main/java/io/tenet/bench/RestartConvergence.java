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
 * killed (kill -9) and started again, and the clock stops when the controller says it caught up
 * and every hypervisor's tables have settled: exactly what they were, or no longer changing. The
 * pings say what the restart cost the VMs.
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
   * caught up, the tables settled (as before, or no longer changing); {@code entriesUnlikeBefore}
   * of the {@code tableEntries} held before then differ, and {@code flowsInstalled} were (re)installed
   * since the kill. {@code pingsLost}: of {@code pingsSent} over the whole restart.
   */
  record Result(double startedSeconds, double caughtUpSeconds, double tablesSettledSeconds, int entriesUnlikeBefore, int flowsInstalled, int tableEntries,
      int pingStreams,
      int pingsSent, int pingsLost, double longestOutageMs, ControllerUsage usage) {}

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
      Settled settled = awaitSettled(expected, start, timeout, system.name());
      int rewritten = 0;
      for (Hypervisor hv : expected.keySet()) rewritten += FlowTables.installedWithin(hv, (System.nanoTime() - start) / 1e9);
      log(system.name() + ": restarted after " + started + " s, caught up after " + caughtUp + " s, tables settled after " + settled.seconds() + " s, "
          + settled.differingEntries() + " entries unlike before, " + rewritten + " flows installed since the kill");
      Thread.sleep(WATCHED_AFTER.toMillis());
      ControllerUsage used = ControllerUsage.since(usage, system);

      int sent = 0;
      int lost = 0;
      int longestRun = 0;
      for (RunningPing ping : pings) {
        PingResult result = ping.stop();
        sent += result.transmitted();
        lost += result.lostSeqs().size();
        longestRun = Math.max(longestRun, result.longestLostRun());
      }
      return new Result(started, caughtUp, settled.seconds(), settled.differingEntries(), rewritten, entries, pings.size(), sent, lost,
          longestRun * (double) PING_INTERVAL_MS, used);
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

  /** When the tables stopped changing after the restart, and how many entries then differ from before it. */
  record Settled(double seconds, int differingEntries) {}

  /**
   * Reads every hypervisor's tables until they are as before the restart, or have not changed for
   * {@link #SETTLED_AFTER}: a controller may legitimately rebuild them otherwise (OVN numbers a
   * switch's conntrack zones anew when ovn-controller starts).
   */
  private static Settled awaitSettled(Map<Hypervisor, FlowTables> expected, long start, Duration timeout, String system) throws InterruptedException {
    long deadline = start + timeout.toNanos();
    Map<Hypervisor, FlowTables> previous = null;
    double lastChange = BulkConvergence.secondsSince(start);
    long lastChangeNanos = System.nanoTime();
    while (true) {
      Map<Hypervisor, FlowTables> now = new LinkedHashMap<>();
      for (Hypervisor hv : expected.keySet()) now.put(hv, FlowTables.of(hv));
      double at = BulkConvergence.secondsSince(start);
      if (now.equals(expected)) return new Settled(at, 0);
      if (!now.equals(previous)) {
        previous = now;
        lastChange = at;
        lastChangeNanos = System.nanoTime();
      } else if (System.nanoTime() - lastChangeNanos > SETTLED_AFTER.toNanos()) {
        int differing = 0;
        for (Hypervisor hv : expected.keySet()) {
          differing += now.get(hv).differingEntries(expected.get(hv));
          if (!now.get(hv).equals(expected.get(hv))) log(system + ": " + hv.name() + "'s tables settled unlike before the restart: " + now.get(hv).difference(expected.get(hv)));
        }
        return new Settled(lastChange, differing);
      }
      if (System.nanoTime() > deadline) throw new IllegalStateException(system + ": the tables did not settle within " + timeout.toSeconds() + " s");
      Thread.sleep(20);
    }
  }

  private static void log(String message) {
    System.out.println("[ovn-compare] " + message);
  }
}
