package io.tenet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PingReply;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code bench ovn-compare}: port-up latency of Tenet and of OVN side by side, one after the other
 * in one run, each on a fresh lab of the same kind (three hypervisors, OVS with the userspace
 * datapath in namespaces, VMs as namespaces). For every new port the clock starts, the port is
 * created (Tenet: {@code POST /v1/ports}; OVN: {@code ovn-nbctl lsp-add} with its MAC and
 * address), its VM is plugged with the port's iface-id (alternately on hv2 and hv3), and the
 * clock stops at the first echo reply the new VM gets from a VM on hv1 that was there before.
 * Both VMs are told each other's MAC beforehand, so no ARP retry timer decides when the first
 * reply comes. Also: each controller's CPU seconds and resident memory over the measured ports.
 * Writes {@code bench/results/<date>-ovn-compare.{json,md,png}}.
 */
public final class SideBySideBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration FIRST_REPLY_TIMEOUT = Duration.ofSeconds(30);
  /** The first ports on a hypervisor also set up its tunnels: not measured, and given longer. */
  static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(120);
  static final long PING_INTERVAL_MS = 10;

  /**
   * One port, in ms from the start of the create call: when the call returned, when the VM was
   * plugged (creating its namespace and veth is the lab's own cost), and when its first reply came.
   */
  record PortUp(double createdMs, double pluggedMs, double totalMs) {}

  /** {@code cpuSeconds}: per controller process, plus the machine's; {@code controllerCpu}: the controller's processes together. */
  record SystemResult(String system, List<PortUp> ports, Map<String, Double> cpuSeconds, double controllerCpu, Map<String, Double> rssMb) {
    List<Double> sortedTotals() {
      return ports.stream().map(PortUp::totalMs).sorted().toList();
    }

    double percentile(int p) {
      return PortUpBenchmark.percentile(sortedTotals(), p);
    }

    double median(java.util.function.ToDoubleFunction<PortUp> phase) {
      return PortUpBenchmark.percentile(ports.stream().map(phase::applyAsDouble).sorted().toList(), 50);
    }

    double controllerRss() {
      return rssMb.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  interface Starter {
    ComparedSystem start(OvsLab lab) throws Exception;
  }

  private SideBySideBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ports = 100;
    Path out = Path.of("bench", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ports" -> ports = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("bench ovn-compare [--ports N (100)] [--out DIR (bench/results)]");
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
    OvsLab.sweepStale();
    SystemResult tenet = measure("tenet", lab -> TenetUnderComparison.start(lab, "10.3.0.0/24"), ports);
    SystemResult ovn = measure("ovn", lab -> OvnUnderComparison.start(lab, "10.3.0"), ports);
    write(out, ports, tenet, ovn);
  }

  static SystemResult measure(String name, Starter starter, int portCount) throws Exception {
    log(name + ": starting a lab and the controller");
    try (OvsLab lab = OvsLab.start(3); ComparedSystem system = starter.start(lab)) {
      Hypervisor hv1 = lab.hypervisor(1);
      ComparedSystem.NewPort anchorPort = system.createPort("anchor");
      Vm anchor = hv1.plugVm("anchor", anchorPort.mac(), anchorPort.ifaceId(), anchorPort.ip() + "/24");
      portUp(system, lab.hypervisor(2), anchor, "warm2", WARM_UP_TIMEOUT);
      portUp(system, lab.hypervisor(3), anchor, "warm3", WARM_UP_TIMEOUT);
      log(name + ": warm; measuring " + portCount + " ports");
      CpuSnapshot before = CpuSnapshot.take(system.controllerPids());
      List<PortUp> ports = new ArrayList<>();
      for (int i = 1; i <= portCount; i++) {
        ports.add(portUp(system, lab.hypervisor(i % 2 == 1 ? 2 : 3), anchor, "p" + i, FIRST_REPLY_TIMEOUT));
        if (i % 25 == 0) log(name + ": " + i + " ports, last " + ports.get(i - 1).totalMs() + " ms");
      }
      Map<String, Long> pids = system.controllerPids();
      Map<String, Double> cpu = CpuSnapshot.take(pids).secondsSince(before);
      double controllerCpu = pids.keySet().stream().mapToDouble(process -> cpu.getOrDefault(process, 0.0)).sum();
      Map<String, Double> rss = new LinkedHashMap<>();
      pids.forEach((process, pid) -> residentMb(pid).ifPresent(mb -> rss.put(process, mb)));
      return new SystemResult(name, ports, cpu, controllerCpu, rss);
    }
  }

  /** Creates the port, plugs its VM, and waits for the VM's first echo reply from {@code anchor}. */
  static PortUp portUp(ComparedSystem system, Hypervisor host, Vm anchor, String name, Duration timeout) throws Exception {
    Instant start = Instant.now();
    ComparedSystem.NewPort port = system.createPort(name);
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

  private static java.util.Optional<Double> residentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) return java.util.Optional.of(Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 102.4) / 10.0);
      }
    } catch (IOException gone) {
      // the process ended
    }
    return java.util.Optional.empty();
  }

  static void write(Path dir, int ports, SystemResult tenet, SystemResult ovn) throws IOException {
    Files.createDirectories(dir);
    String stem = LocalDate.now(ZoneOffset.UTC) + "-ovn-compare";
    ObjectNode json = JSON.createObjectNode();
    json.put("benchmark", "ovn-compare");
    json.put("finished_at", Instant.now().toString());
    json.put("git_commit", System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown"));
    json.put("hypervisors", 3);
    json.put("ports_measured", ports);
    json.put("measured", "create call -> VM plugged with the port's iface-id -> first echo reply from a VM on another hypervisor");
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
      system.putPOJO("cpu_seconds", result.cpuSeconds());
      system.putPOJO("rss_mb", result.rssMb());
      system.putPOJO("port_up_ms_each", result.ports().stream().map(PortUp::totalMs).toList());
    }
    ObjectNode ratio = json.putObject("ovn_over_tenet");
    for (int p : new int[] {50, 90, 99}) ratio.put("p" + p, round(ovn.percentile(p) / tenet.percentile(p)));
    Files.writeString(dir.resolve(stem + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    Files.writeString(dir.resolve(stem + ".md"), summary(stem, ports, tenet, ovn));
    Map<String, List<Double>> bars = new LinkedHashMap<>();
    for (SystemResult result : List.of(tenet, ovn)) bars.put(result.system(), List.of(result.percentile(50), result.percentile(90), result.percentile(99)));
    ComparisonChart.write("Port-up latency, create to first ping (" + ports + " ports)", "ms", List.of("p50", "p90", "p99"), bars, dir.resolve(stem + ".png"));
    log("wrote " + dir.resolve(stem + ".json") + ", .md and .png");
  }

  static String summary(String stem, int ports, SystemResult tenet, SystemResult ovn) {
    StringBuilder md = new StringBuilder("# Tenet and OVN side by side: port-up latency\n\n");
    md.append("Commit ").append(System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(versionOf("ovn-nbctl")).append(". ")
        .append(ports).append(" ports each, created then plugged alternately on hv2 and hv3, clock stopped at the first echo reply from a VM on hv1. Chart: `")
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
    md.append(String.format(Locale.ROOT, "| controller CPU over the %d ports | %.1f s | %.1f s | |%n", ports, tenet.controllerCpu(), ovn.controllerCpu()));
    md.append(String.format(Locale.ROOT, "| controller resident memory at the end | %.0f MB | %.0f MB | |%n", tenet.controllerRss(), ovn.controllerRss()));
    md.append("\nTenet's controller is one node and its Cassandra: ").append(tenet.cpuSeconds()).append(" s, ").append(tenet.rssMb()).append(" MB.\n");
    md.append("OVN's is its two databases, ovn-northd and three ovn-controllers: ").append(ovn.cpuSeconds()).append(" s, ").append(ovn.rssMb()).append(" MB.\n");
    return md.toString();
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

  private static void log(String message) {
    System.out.println("[ovn-compare] " + message);
  }
}
