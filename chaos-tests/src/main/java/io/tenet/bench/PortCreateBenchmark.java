package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.persistence.cassandra.LocalCassandra;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How fast one local node creates ports, with a real Cassandra behind it. Not a test: it asserts nothing,
 * it measures and writes {@code bench/results/<date>-port-create.{json,md,png}} (see {@link ResultsFile}).
 *
 * <p>Unless given {@code --url} and {@code --token}, it starts its own Cassandra and one node JVM under a
 * temporary directory and removes them afterwards, also when it fails or is interrupted. Then it creates a
 * tenant and some networks, warms up, measures the idle baseline, and measures two passes: creates one at
 * a time (unloaded latency) and creates from {@code --concurrency} clients at once (throughput and latency
 * under load).
 *
 * <p>Run it with a plain {@code java -cp <runtime class path of chaos-tests>} (as {@code deploy/bin/tenet-bench}
 * does): the node JVM is started with this JVM's class path.
 */
public final class PortCreateBenchmark {

  private PortCreateBenchmark() {}

  /** The summary (a row per measured pass) and, as bars, each pass's latency by percentile. */
  static SuiteReport report(ObjectNode results) {
    StringBuilder md = new StringBuilder("# Port creates through the API\n\n");
    md.append("Commit ").append(results.path("git_commit").asText("unknown")).append(", ").append(results.path("machine").path("cores").asInt())
        .append(" cores; ").append(results.path("settings").path("target").asText()).append(".\n\n");
    md.append("| pass | clients | ports | seconds | creates/s | p50 ms | p90 ms | p99 ms | max ms | errors | node CPU ms per port |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<String> metrics = List.of("p50", "p90", "p99");
    Map<String, List<Double>> series = new java.util.LinkedHashMap<>();
    for (JsonNode pass : results.path("passes")) {
      int ports = pass.path("ports").asInt();
      md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.1f |%n", pass.path("name").asText(),
          pass.path("concurrency").asInt(), ports, pass.path("seconds").asDouble(), pass.path("ports_per_second").asDouble(), pass.path("p50_ms").asDouble(),
          pass.path("p90_ms").asDouble(), pass.path("p99_ms").asDouble(), pass.path("max_ms").asDouble(), pass.path("errors").asInt(),
          ports == 0 ? 0 : pass.path("cpu_seconds").path("node").asDouble() * 1000 / ports));
      series.put(pass.path("name").asText() + " (" + pass.path("concurrency").asInt() + " clients)",
          metrics.stream().map(metric -> pass.path(metric + "_ms").asDouble()).toList());
    }
    return new SuiteReport("port-create", results, md.toString(), new SuiteReport.Bars("Port create latency through the API", "ms", metrics, series));
  }

  public static void main(String[] args) {
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (BenchmarkOptions.UsageRequested help) {
      System.out.print(BenchmarkOptions.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("tenet-bench: " + e.getMessage());
      System.err.print(BenchmarkOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(options, StackFactory.OWN_CASSANDRA));
  }

  static int run(BenchmarkOptions options, StackFactory stacks) {
    long begin = System.nanoTime();
    LocalStack stack = null;
    Thread cleanup = null;
    AtomicReference<CassandraStats> stats = new AtomicReference<>();
    CassandraStats cassandraStats = null;
    try {
      if (options.ownNode()) {
        LocalStack created = stacks.create(1);
        stack = created;
        cleanup = new Thread(() -> { // Ctrl-C or kill: still stop both JVMs
          log("interrupted: cleaning up");
          closeQuietly(stats.getAndSet(null));
          created.close();
        }, "tenet-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
      }
      URI base = stack != null ? stack.apiBase() : options.url();
      BenchmarkApi api = new BenchmarkApi(base, options.requestTimeout());
      if (stack != null) {
        stack.start(api);
        cassandraStats = connectStats(stack);
        stats.set(cassandraStats);
      } else {
        BenchmarkApi.Answer health;
        try {
          health = api.health();
        } catch (java.io.IOException e) {
          throw new IllegalStateException("no node answers at " + base + ": " + e, e);
        }
        if (health.status() != 200) throw new IllegalStateException(base + "/health answered " + health.status() + ": " + health.body());
      }
      String adminToken = stack != null ? stack.adminToken() : options.token();

      String tenantToken = api.createTenant(adminToken, "bench-" + Instant.now().getEpochSecond());
      List<String> networkIds = new ArrayList<>();
      for (int i = 0; i < options.networks(); i++) {
        networkIds.add(api.createNetwork(tenantToken, "bench-" + i, "10." + i + ".0.0/16"));
      }
      log("tenant and " + networkIds.size() + " networks created");

      LocalStack processes = stack;
      LoadPass load = new LoadPass(api, tenantToken, networkIds, options.passTimeout(), options.requestTimeout(), () -> {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("bench", ProcessHandle.current().pid());
        if (processes != null) {
          processes.nodePid().ifPresent(pid -> pids.put("node", pid));
          processes.cassandraPid().ifPresent(pid -> pids.put("cassandra", pid));
        }
        return pids;
      }, cassandraStats);

      PassResult warmup = null;
      if (options.warmup() > 0) {
        log("warm-up: " + options.warmup() + " creates at concurrency " + options.concurrency() + " (not measured)");
        warmup = load.run("warmup", options.warmup(), options.concurrency());
        log("warm-up done in " + warmup.seconds() + " s, " + warmup.errors() + " errors");
      }
      IdleResult idle = null;
      if (options.idleSeconds() > 0) {
        log("idle baseline: " + options.idleSeconds() + " s without requests");
        idle = load.idle(Duration.ofSeconds(options.idleSeconds()));
      }
      List<PassResult> passes = new ArrayList<>();
      if (options.serialPorts() > 0) {
        log("serial pass: " + options.serialPorts() + " creates at concurrency 1");
        passes.add(load.run("serial", options.serialPorts(), 1));
      }
      log("loaded pass: " + options.ports() + " creates at concurrency " + options.concurrency());
      passes.add(load.run("loaded", options.ports(), options.concurrency()));

      double seconds = (System.nanoTime() - begin) / 1e9;
      ObjectNode results = ResultsFile.build(options, stack != null ? stack.cassandraVersion() : null, warmup, idle, passes, seconds);
      log("wrote " + report(results).writeAs(options.out()));
      printSummary(options, idle, passes);
      return 0;
    } catch (Exception e) {
      System.err.println("tenet-bench: failed: " + e);
      e.printStackTrace();
      if (stack != null) {
        System.err.println("--- node log (last lines) ---\n" + stack.nodeLogTail());
        System.err.println("--- Cassandra output (last lines) ---\n" + stack.cassandraLogTail());
      }
      return 1;
    } finally {
      closeQuietly(stats.getAndSet(null));
      if (stack != null) {
        stack.close();
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway; close() is idempotent
        }
      }
      log(String.format("total %.1f s", (System.nanoTime() - begin) / 1e9));
    }
  }

  private static void closeQuietly(CassandraStats stats) {
    if (stats == null) return;
    try {
      stats.close();
    } catch (RuntimeException e) {
      log("closing the Cassandra metrics session: " + e);
    }
  }

  /** Table metrics are a diagnosis, not the measurement: without them the benchmark still runs. */
  private static CassandraStats connectStats(LocalStack stack) {
    try {
      return CassandraStats.connect(stack.cassandraAddress(), LocalCassandra.DATACENTER);
    } catch (RuntimeException e) {
      log("no Cassandra table metrics: " + e);
      return null;
    }
  }

  private static void printSummary(BenchmarkOptions options, IdleResult idle, List<PassResult> passes) {
    System.out.println();
    System.out.println("port create, one node" + (options.ownNode() ? " + Cassandra on this machine" : " at " + options.url())
        + " (" + Runtime.getRuntime().availableProcessors() + " cores)");
    System.out.printf("  %-7s %5s %6s %8s %9s %8s %8s %8s %8s %6s%n",
        "pass", "conc", "ports", "seconds", "ports/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
    for (PassResult p : passes) {
      System.out.printf("  %-7s %5d %6d %8.1f %9.1f %8s %8s %8s %8s %6d%n", p.name(), p.concurrency(), p.ports(), p.seconds(),
          p.portsPerSecond(), ms(p.p50Ms()), ms(p.p90Ms()), ms(p.p99Ms()), ms(p.maxMs()), p.errors());
    }
    for (PassResult p : passes) {
      System.out.println("  " + p.name() + ":");
      if (!p.cpuSeconds().isEmpty()) System.out.println("    cpu seconds: " + p.cpuSeconds());
      if (!p.cassandraOps().isEmpty()) {
        StringBuilder perPort = new StringBuilder();
        p.cassandraOps().forEach((table, ops) -> perPort.append(String.format(" %s r%.2f/w%.2f/s%.2f", table,
            orZero(ops.readsPerPort()), orZero(ops.writesPerPort()), orZero(ops.scansPerPort()))));
        System.out.println("    Cassandra reads/writes/scans per port:" + perPort);
      }
      if (p.errors() > 0) System.out.println("    errors: " + p.errorKinds() + ", e.g. " + p.errorSamples().get(0));
      if (p.notSent() > 0) System.out.println("    " + p.notSent() + " creates not sent: the pass hit its time limit");
    }
    if (idle != null) System.out.println("  idle " + idle.seconds() + " s: cpu seconds " + idle.cpuSeconds());
    System.out.println("  results: " + options.out().toAbsolutePath());
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  private static String ms(Double value) {
    return value == null ? "-" : String.format("%.1f", value);
  }

  private static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
