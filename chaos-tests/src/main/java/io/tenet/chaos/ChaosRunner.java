package io.tenet.chaos;

import io.tenet.bench.BenchmarkApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault-injection runs: one world (Cassandra, controller nodes, hypervisors with VMs), then each
 * scenario under steady load (pings every 20 ms between VMs on different hypervisors, port creates
 * at a fixed rate), a report per scenario in {@code chaos-tests/reports/}. Not a test by itself:
 * {@code ChaosIT} runs a short version in the suite and asserts on the reports;
 * {@code deploy/bin/chaos} runs the long version.
 */
public final class ChaosRunner {
  /** {@code settle}: steady load before and after each fault; {@code outage}: how long Cassandra stays down. */
  public record Options(int nodes, int hypervisors, Duration settle, Duration outage, double writesPerSecond, Path reports) {
    /** The outage is as long as the long run's: a 10 s one hid a driver reconnecting only every 30 s or so after a longer one. */
    public static Options quick(Path reports) {
      return new Options(3, 3, Duration.ofSeconds(3), Duration.ofSeconds(30), 3, reports);
    }

    public static Options thorough(Path reports) {
      return new Options(3, 3, Duration.ofSeconds(20), Duration.ofSeconds(30), 5, reports);
    }
  }

  private ChaosRunner() {}

  public static void main(String[] args) throws Exception {
    List<String> names = new ArrayList<>();
    boolean quick = false;
    for (String arg : args) {
      if (arg.equals("--quick")) quick = true;
      else if (arg.equals("--help")) {
        System.out.println("chaos [--quick] all|kill-master|graceful-leave|rolling|partition|partial-partition|ovs-restart|migrate-during-failover|cassandra-outage ...");
        return;
      } else names.add(arg);
    }
    Path reports = Path.of("chaos-tests", "reports");
    Options options = quick ? Options.quick(reports) : Options.thorough(reports);
    List<Scenario> scenarios = names.isEmpty() || names.contains("all") ? Scenario.all(options.outage())
        : names.stream().map(n -> Scenario.named(n, options.outage())).toList();
    List<ChaosReport> results = run(scenarios, options);
    boolean clean = results.stream().allMatch(r -> r.ackedWritesLost() == 0 && r.apiFailed() == 0);
    System.exit(clean ? 0 : 1);
  }

  public static List<ChaosReport> run(List<Scenario> scenarios, Options options) throws Exception {
    List<ChaosReport> reports = new ArrayList<>();
    try (ChaosWorld world = ChaosWorld.start(options.nodes(), options.hypervisors())) {
      try {
        int round = 0;
        for (Scenario scenario : scenarios) {
          // each scenario writes into a network of its own, so the address space never runs out
          String network = new BenchmarkApi(world.stack().apiBase(), Duration.ofSeconds(30))
              .createNetwork(world.tenantToken(), "load-" + scenario.name(), "10.100." + (4 * round++) + ".0/22");
          ChaosReport report = runOne(world, scenario, network, options);
          report.write(options.reports());
          System.out.println("[chaos] " + report.summary());
          reports.add(report);
        }
      } finally {
        world.saveLogs(options.reports().resolve("logs"));
      }
    }
    return reports;
  }

  static ChaosReport runOne(ChaosWorld world, Scenario scenario, String network, Options options) throws Exception {
    long started = System.nanoTime();
    FaultOutcome outcome;
    SteadyLoad.Result load;
    try (SteadyLoad running = SteadyLoad.start(world, network, options.writesPerSecond())) {
      Thread.sleep(options.settle().toMillis());
      outcome = scenario.inject(world);
      Thread.sleep(options.settle().toMillis());
      load = running.stop();
    }
    int lost = 0;
    for (String port : load.acknowledgedPorts()) if (!exists(world, port)) lost++;
    Map<String, Integer> lostPerPair = new LinkedHashMap<>();
    Map<String, List<String>> lostRuns = new LinkedHashMap<>();
    Map<String, Integer> longestLoss = new LinkedHashMap<>();
    load.pings().forEach((pair, ping) -> {
      lostPerPair.put(pair, ping.lostSeqs().size());
      longestLoss.put(pair, ping.longestLostRun());
      if (!ping.noneLost()) lostRuns.put(pair, ping.lostRuns());
    });
    return new ChaosReport(scenario.name(), load.pingsSent(), load.pingsLost(), lostPerPair, lostRuns, longestLoss, load.apiOk(), load.apiFailed(), load.apiRetries(),
        load.acknowledgedPorts().size(), lost, outcome.remasterSecondsMax(), outcome.reconcileSecondsMax(),
        Math.round((System.nanoTime() - started) / 1e7) / 100.0, outcome.details());
  }

  /** An acknowledged port must be readable through some live node (retried: a node may be busy taking over). */
  static boolean exists(ChaosWorld world, String portId) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      for (var node : world.liveNodes()) {
        try {
          int status = ChaosWorld.api(node).get("/ports/" + portId, world.tenantToken()).status();
          if (status == 200) return true;
          if (status == 404) return false;
        } catch (java.io.IOException notNow) {
          // the next node
        }
      }
      Thread.sleep(500);
    }
    return false;
  }
}
