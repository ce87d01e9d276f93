package io.tenet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a compared system's controller processes used over one phase: CPU seconds per process (and
 * the machine's), their sum, and each one's resident memory at the phase's end.
 */
record ControllerUsage(Map<String, Double> cpuSeconds, double controllerCpu, Map<String, Double> rssMb) {
  /** Where a phase starts: the processes running then and the CPU they had used. */
  record Start(Map<String, Long> pids, CpuSnapshot cpu) {}

  static Start start(ComparedSystem system) {
    Map<String, Long> pids = system.controllerPids();
    return new Start(pids, CpuSnapshot.take(pids));
  }

  /**
   * From {@code start} until now. A process started again during the phase (a restart) counts with
   * all it used since it started; the killed one's last moments are not counted.
   */
  static ControllerUsage since(Start start, ComparedSystem system) {
    Map<String, Long> pids = system.controllerPids();
    Map<String, Duration> baseline = new LinkedHashMap<>(start.cpu().used());
    pids.forEach((process, pid) -> {
      if (!pid.equals(start.pids().get(process))) baseline.put(process, Duration.ZERO);
    });
    Map<String, Double> cpu = CpuSnapshot.take(pids).secondsSince(new CpuSnapshot(baseline, start.cpu().machine()));
    double controllerCpu = pids.keySet().stream().mapToDouble(process -> cpu.getOrDefault(process, 0.0)).sum();
    Map<String, Double> rss = new LinkedHashMap<>();
    pids.forEach((process, pid) -> residentMb(pid).ifPresent(mb -> rss.put(process, mb)));
    return new ControllerUsage(cpu, Math.round(controllerCpu * 100) / 100.0, rss);
  }

  double controllerRss() {
    return rssMb.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static Optional<Double> residentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) return Optional.of(Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 102.4) / 10.0);
      }
    } catch (IOException gone) {
      // the process ended
    }
    return Optional.empty();
  }
}
