package io.tenet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PingReply;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench ovn-compare}: Tenet and OVN side by side, one after the other in one run, each on a
 * fresh lab of the same kind (three hypervisors, OVS with the userspace datapath in namespaces,
 * VMs as namespaces), through three phases:
 * <ol>
 *   <li>Port-up latency. For every new port the clock starts, the port is created (Tenet:
 *       {@code POST /v1/ports}; OVN: {@code ovn-nbctl lsp-add} with its MAC and address), its VM
 *       is plugged with the port's iface-id (alternately on hv2 and hv3), and the clock stops at
 *       the first echo reply the new VM gets from a VM on hv1 that was there before. Both VMs are
 *       told each other's MAC beforehand, so no ARP retry timer decides when the first reply comes.
 *   <li>Bulk convergence ({@link BulkConvergence}): N networks of M ports at once, until every VM's
 *       ping to its neighbour is answered.
 *   <li>Restart convergence ({@link RestartConvergence}): the controller killed and started again,
 *       until it says it caught up; pings lost meanwhile, flows it reinstalled.
 * </ol>
 * Each phase also records the controller's CPU seconds and resident memory. Writes
 * {@code bench/results/<date>-ovn-compare.{json,md,png}} and {@code -convergence.png}.
 */
public final class SideBySideBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration FIRST_REPLY_TIMEOUT = Duration.ofSeconds(30);
  /** The first ports on a hypervisor also set up its tunnels: not measured, and given longer. */
  static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(120);
  static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(600);
  static final long PING_INTERVAL_MS = 10;

  /**
   * One port, in ms from the start of the create call: when the call returned, when the VM was
   * plugged (creating its namespace and veth is the lab's own cost), and when its first reply came.
   */
  record PortUp(double createdMs, double pluggedMs, double totalMs) {}

  /** One system's three phases; {@code portUpUsage} is the controller's over the measured ports. */
  record SystemResult(String system, List<PortUp> ports, ControllerUsage portUpUsage, BulkConvergence.Result bulk, RestartConvergence.Result restart) {
    List<Double> sortedTotals() {
      return ports.stream().map(PortUp::totalMs).sorted().toList();
    }

    double percentile(int p) {
      return PortUpBenchmark.percentile(sortedTotals(), p);
    }

    double median(java.util.function.ToDoubleFunction<PortUp> phase) {
      return PortUpBenchmark.percentile(ports.stream().map(phase::applyAsDouble).sorted().toList(), 50);
    }
  }

  /** The workload's sizes. */
  record Sizes(int ports, int networks, int portsPerNetwork) {}

  interface Starter {
    ComparedSystem start(OvsLab lab) throws Exception;
  }

  private SideBySideBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ports = 100;
    int networks = 10;
    int portsPerNetwork = 10;
    Path out = Path.of("bench", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ports" -> ports = Integer.parseInt(args[++i]);
        case "--networks" -> networks = Integer.parseInt(args[++i]);
        case "--ports-per-network" -> portsPerNetwork = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("bench ovn-compare [--ports N (100)] [--networks N (10)] [--ports-per-network M (10)] [--out DIR (bench/results)]");
          return;
        }
        default -> {
          System.err.println("bench ovn-compare: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (ports < 1 || ports > 200) {
      System.err.println("bench ovn-compare: --ports must be 1..200 (one /24)");
      System.exit(2);
    }
    if (networks < 1 || networks > 200 || portsPerNetwork < 2 || portsPerNetwork > 200) {
      System.err.println("bench ovn-compare: --networks must be 1..200 and --ports-per-network 2..200 (a /24 each)");
      System.exit(2);
    }
    Sizes sizes = new Sizes(ports, networks, portsPerNetwork);
    OvsLab.sweepStale();
    SystemResult tenet = measure("tenet", TenetUnderComparison::start, sizes);
    SystemResult ovn = measure("ovn", OvnUnderComparison::start, sizes);
    write(out, sizes, tenet, ovn);
  }

  static SystemResult measure(String name, Starter starter, Sizes sizes) throws Exception {
    log(name + ": starting a lab and the controller");
    try (OvsLab lab = OvsLab.start(3); ComparedSystem system = starter.start(lab)) {
      Hypervisor hv1 = lab.hypervisor(1);
      String network = system.createNetwork("compare", "10.3.0");
      ComparedSystem.NewPort anchorPort = system.createPort(network, "anchor");
      Vm anchor = hv1.plugVm("anchor", anchorPort.mac(), anchorPort.ifaceId(), anchorPort.ip() + "/24");
      portUp(system, network, lab.hypervisor(2), anchor, "warm2", WARM_UP_TIMEOUT);
      portUp(system, network, lab.hypervisor(3), anchor, "warm3", WARM_UP_TIMEOUT);
      log(name + ": warm; measuring " + sizes.ports() + " ports");
      ControllerUsage.Start portUpStart = ControllerUsage.start(system);
      List<PortUp> ports = new ArrayList<>();
      for (int i = 1; i <= sizes.ports(); i++) {
        ports.add(portUp(system, network, lab.hypervisor(i % 2 == 1 ? 2 : 3), anchor, "p" + i, FIRST_REPLY_TIMEOUT));
        if (i % 25 == 0) log(name + ": " + i + " ports, last " + ports.get(i - 1).totalMs() + " ms");
      }
      ControllerUsage portUpUsage = ControllerUsage.since(portUpStart, system);

      log(name + ": bulk, " + sizes.networks() + " networks x " + sizes.portsPerNetwork() + " ports");
      BulkConvergence.Outcome bulk = BulkConvergence.run(system, lab, sizes.networks(), sizes.portsPerNetwork(), CONVERGENCE_TIMEOUT);
      log(name + ": every VM answered by its neighbour after " + bulk.result().convergedSeconds() + " s; restarting the controller");
      RestartConvergence.Result restart = RestartConvergence.run(system, lab, bulk.networks(), CONVERGENCE_TIMEOUT);
      return new SystemResult(name, ports, portUpUsage, bulk.result(), restart);
    }
  }

  /** Creates the port, plugs its VM, and waits for the VM's first echo reply from {@code anchor}. */
  static PortUp portUp(ComparedSystem system, String network, Hypervisor host, Vm anchor, String name, Duration timeout) throws Exception {
    Instant start = Instant.now();
    ComparedSystem.NewPort port = system.createPort(network, name);
    Instant created = Instant.now();
    anchor.exec("ip", "neigh", "replace", port.ip(), "lladdr", port.mac(), "dev", "eth0", "nud", "permanent");
    Vm vm = host.plugVm(name, port.mac(), port.ifaceId(), port.ip() + "/24");
    vm.exec("ip", "neigh", "replace", anchor.ip(), "lladdr", anchor.mac(), "dev", "eth0", "nud", "permanent");
    Instant plugged = Instant.now();
    RunningPing ping = vm.startPing(anchor.ip(), PING_INTERVAL_MS);
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        List<PingReply> replies = ping.progress().replies();
        if (!replies.isEmpty()) {
          return new PortUp(millis(start, created), millis(start, plugged), millis(start, replies.get(0).receivedAt()));
        }
        Thread.sleep(5);
      }
      throw new IllegalStateException(system.name() + ": " + name + " on " + host.name() + " got no reply from " + anchor.ip() + " in " + timeout.toSeconds() + " s");
    } finally {
      ping.stop();
    }
  }

  private static double millis(Instant from, Instant to) {
    return Math.round(Duration.between(from, to).toNanos() / 1e4) / 100.0;
  }

  static void write(Path dir, Sizes sizes, SystemResult tenet, SystemResult ovn) throws IOException {
    String stem = LocalDate.now(ZoneOffset.UTC) + "-ovn-compare";
    ObjectNode json = JSON.createObjectNode();
    json.put("benchmark", "ovn-compare");
    json.put("finished_at", Instant.now().toString());
    json.put("git_commit", System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown"));
    json.put("hypervisors", 3);
    json.put("ports_measured", sizes.ports());
    json.put("measured", "create call -> VM plugged with the port's iface-id -> first echo reply from a VM on another hypervisor");
    json.put("bulk_networks", sizes.networks());
    json.put("bulk_ports_per_network", sizes.portsPerNetwork());
    json.put("ovn_version", versionOf("ovn-nbctl"));
    json.put("ovs_version", versionOf("ovs-vswitchd"));
    for (SystemResult result : List.of(tenet, ovn)) {
      ObjectNode system = json.putObject(result.system());
      ObjectNode latency = system.putObject("port_up_ms");
      for (int p : new int[] {50, 90, 99}) latency.put("p" + p, result.percentile(p));
      latency.put("max", result.percentile(100));
      system.put("create_call_ms_p50", result.median(PortUp::createdMs));
      system.put("plugged_ms_p50", result.median(PortUp::pluggedMs));
      system.put("after_plug_ms_p50", result.median(port -> port.totalMs() - port.pluggedMs()));
      system.putPOJO("cpu_seconds", result.portUpUsage().cpuSeconds());
      system.putPOJO("rss_mb", result.portUpUsage().rssMb());
      system.putPOJO("port_up_ms_each", result.ports().stream().map(PortUp::totalMs).toList());
      BulkConvergence.Result bulk = result.bulk();
      ObjectNode bulkJson = system.putObject("bulk");
      bulkJson.put("ports", bulk.networks() * bulk.portsPerNetwork());
      bulkJson.put("created_s", bulk.createdSeconds());
      bulkJson.put("plugged_s", bulk.pluggedSeconds());
      bulkJson.put("converged_s", bulk.convergedSeconds());
      bulkJson.put("after_last_plug_s", bulk.afterPlugSeconds());
      bulkJson.putPOJO("cpu_seconds", bulk.usage().cpuSeconds());
      bulkJson.putPOJO("rss_mb", bulk.usage().rssMb());
      RestartConvergence.Result restart = result.restart();
      ObjectNode restartJson = system.putObject("restart");
      restartJson.put("started_s", restart.startedSeconds());
      restartJson.put("caught_up_s", restart.caughtUpSeconds());
      if (restart.lastInstallSeconds() != null) restartJson.put("last_flow_installed_s", restart.lastInstallSeconds());
      else restartJson.putNull("last_flow_installed_s");
      restartJson.put("entries_unlike_before", restart.entriesUnlikeBefore());
      restartJson.put("flows_installed_since_kill", restart.flowsInstalled());
      restartJson.put("table_entries", restart.tableEntries());
      restartJson.put("ping_streams", restart.pingStreams());
      restartJson.put("pings_sent", restart.pingsSent());
      restartJson.put("pings_lost", restart.pingsLost());
      restartJson.put("longest_outage_ms", restart.longestOutageMs());
      restartJson.putPOJO("cpu_seconds", restart.usage().cpuSeconds());
      restartJson.putPOJO("rss_mb", restart.usage().rssMb());
    }
    ObjectNode ratio = json.putObject("ovn_over_tenet");
    for (int p : new int[] {50, 90, 99}) ratio.put("p" + p, round(ovn.percentile(p) / tenet.percentile(p)));
    ratio.put("bulk_after_last_plug", round(ovn.bulk().afterPlugSeconds() / tenet.bulk().afterPlugSeconds()));
    ratio.put("restart_caught_up", round(ovn.restart().caughtUpSeconds() / tenet.restart().caughtUpSeconds()));
    Map<String, List<Double>> bars = new LinkedHashMap<>();
    for (SystemResult result : List.of(tenet, ovn)) bars.put(result.system(), List.of(result.percentile(50), result.percentile(90), result.percentile(99)));
    List<Path> written = new SuiteReport("ovn-compare", json, summary(stem, sizes, tenet, ovn),
        new SuiteReport.Bars("Port-up latency, create to first ping (" + sizes.ports() + " ports)", "ms", List.of("p50", "p90", "p99"), bars)).writeTo(dir);
    Map<String, List<Double>> convergence = new LinkedHashMap<>();
    for (SystemResult result : List.of(tenet, ovn)) {
      convergence.put(result.system(), List.of(result.bulk().afterPlugSeconds(), result.restart().startedSeconds(), result.restart().caughtUpSeconds()));
    }
    ComparisonChart.write("Convergence (" + sizes.networks() + " x " + sizes.portsPerNetwork() + " ports; restart)", "s",
        List.of("bulk: after last plug", "restart: running", "restart: caught up"), convergence, dir.resolve(stem + "-convergence.png"));
    log("wrote " + written + " and " + dir.resolve(stem + "-convergence.png"));
  }

  static String summary(String stem, Sizes sizes, SystemResult tenet, SystemResult ovn) {
    StringBuilder md = new StringBuilder("# Tenet and OVN side by side\n\n");
    md.append("Commit ").append(System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(versionOf("ovn-nbctl")).append(", three hypervisors.\n\n");
    md.append("## Port-up latency\n\n").append(sizes.ports())
        .append(" ports each, created then plugged alternately on hv2 and hv3, clock stopped at the first echo reply from a VM on hv1. Chart: `")
        .append(stem).append(".png`.\n\n");
    md.append("| | Tenet | OVN | OVN / Tenet |\n|---|---:|---:|---:|\n");
    for (int p : new int[] {50, 90, 99}) {
      md.append(String.format(Locale.ROOT, "| port-up p%d | %.0f ms | %.0f ms | %.2f |%n", p, tenet.percentile(p), ovn.percentile(p), ovn.percentile(p) / tenet.percentile(p)));
    }
    md.append(String.format(Locale.ROOT, "| the create call (p50) | %.0f ms | %.0f ms | |%n", tenet.median(PortUp::createdMs), ovn.median(PortUp::createdMs)));
    md.append(String.format(Locale.ROOT, "| then plugging the VM (p50, the lab's own cost) | %.0f ms | %.0f ms | |%n",
        tenet.median(p -> p.pluggedMs() - p.createdMs()), ovn.median(p -> p.pluggedMs() - p.createdMs())));
    md.append(String.format(Locale.ROOT, "| then until the first reply (p50) | %.0f ms | %.0f ms | |%n",
        tenet.median(p -> p.totalMs() - p.pluggedMs()), ovn.median(p -> p.totalMs() - p.pluggedMs())));
    usageRows(md, "over the " + sizes.ports() + " ports", tenet.portUpUsage(), ovn.portUpUsage());

    BulkConvergence.Result tb = tenet.bulk();
    BulkConvergence.Result ob = ovn.bulk();
    md.append("\n## Bulk convergence\n\n").append(sizes.networks()).append(" networks x ").append(sizes.portsPerNetwork())
        .append(" ports, created by ").append(BulkConvergence.CLIENTS).append(" callers at once, then plugged network by network; done when every VM's ping")
        .append(" to the next VM of its network (on another hypervisor) is answered, each network's pings starting once its VMs are plugged (")
        .append(BulkConvergence.CHECKERS).append(" at a time). Seconds from the first create. Chart: `").append(stem).append("-convergence.png`.\n\n");
    md.append("| | Tenet | OVN | OVN / Tenet |\n|---|---:|---:|---:|\n");
    row(md, "every create call returned", tb.createdSeconds(), ob.createdSeconds(), "s");
    row(md, "every VM plugged (the lab's own cost)", tb.pluggedSeconds(), ob.pluggedSeconds(), "s");
    row(md, "every VM answered by its neighbour", tb.convergedSeconds(), ob.convergedSeconds(), "s");
    row(md, "of that, after the last plug", tb.afterPlugSeconds(), ob.afterPlugSeconds(), "s");
    usageRows(md, "over the bulk", tb.usage(), ob.usage());

    RestartConvergence.Result tr = tenet.restart();
    RestartConvergence.Result or = ovn.restart();
    md.append("\n## Restart convergence\n\n").append("kill -9 of the controller (Tenet: the node; OVN: ovn-northd and the three ovn-controllers; the databases stay),")
        .append(" started again at once; seconds from the kill. ").append(tr.pingStreams()).append(" VMs ping a neighbour every ")
        .append(RestartConvergence.PING_INTERVAL_MS).append(" ms throughout.\n\n");
    md.append("| | Tenet | OVN | OVN / Tenet |\n|---|---:|---:|---:|\n");
    row(md, "controller running again", tr.startedSeconds(), or.startedSeconds(), "s");
    row(md, "controller says it caught up", tr.caughtUpSeconds(), or.caughtUpSeconds(), "s");
    md.append(String.format(Locale.ROOT, "| the last flow (re)installed | %s | %s | |%n", seconds(tr.lastInstallSeconds()), seconds(or.lastInstallSeconds())));
    md.append(String.format(Locale.ROOT, "| flows and groups on the hypervisors | %d | %d | |%n", tr.tableEntries(), or.tableEntries()));
    md.append(String.format(Locale.ROOT, "| of them, unlike before the restart once settled | %d | %d | |%n", tr.entriesUnlikeBefore(), or.entriesUnlikeBefore()));
    md.append(String.format(Locale.ROOT, "| flows (re)installed since the kill | %d | %d | |%n", tr.flowsInstalled(), or.flowsInstalled()));
    md.append(String.format(Locale.ROOT, "| pings lost, from before the kill until 2 s after catching up | %d of %d | %d of %d | |%n",
        tr.pingsLost(), tr.pingsSent(), or.pingsLost(), or.pingsSent()));
    md.append(String.format(Locale.ROOT, "| longest outage of a stream | %.0f ms | %.0f ms | |%n", tr.longestOutageMs(), or.longestOutageMs()));
    usageRows(md, "from the kill until 2 s after catching up", tr.usage(), or.usage());

    md.append("\nTenet's controller is one node and its Cassandra; OVN's is its two databases, ovn-northd and three ovn-controllers.")
        .append(" Per process, port-up phase: Tenet ").append(tenet.portUpUsage().cpuSeconds()).append(" s, ").append(tenet.portUpUsage().rssMb())
        .append(" MB; OVN ").append(ovn.portUpUsage().cpuSeconds()).append(" s, ").append(ovn.portUpUsage().rssMb()).append(" MB.\n");
    return md.toString();
  }

  private static String seconds(Double value) {
    return value == null ? "none" : String.format(Locale.ROOT, "%.2f s", value);
  }

  private static void row(StringBuilder md, String what, double tenet, double ovn, String unit) {
    md.append(String.format(Locale.ROOT, "| %s | %.2f %s | %.2f %s | %.2f |%n", what, tenet, unit, ovn, unit, ovn / tenet));
  }

  private static void usageRows(StringBuilder md, String phase, ControllerUsage tenet, ControllerUsage ovn) {
    md.append(String.format(Locale.ROOT, "| controller CPU %s | %.1f s | %.1f s | |%n", phase, tenet.controllerCpu(), ovn.controllerCpu()));
    md.append(String.format(Locale.ROOT, "| controller resident memory at its end | %.0f MB | %.0f MB | |%n", tenet.controllerRss(), ovn.controllerRss()));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static String versionOf(String program) {
    try {
      Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse(program);
      process.waitFor();
      return first.trim();
    } catch (IOException | InterruptedException e) {
      return program + " (version unknown)";
    }
  }

  /** Progress of the run, on standard output; its phases ({@link BulkConvergence}, {@link RestartConvergence}) use it too. */
  static void log(String message) {
    System.out.println("[ovn-compare] " + message);
  }
}
