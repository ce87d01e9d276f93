package io.tenet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time (user + system) each named process, and the whole machine, had used at one moment. The
 * difference of two snapshots shows which process a pass kept busy, and ({@code other}) how much CPU
 * went to processes that are not part of the benchmark, e.g. someone else's build on the same machine.
 */
record CpuSnapshot(Map<String, Duration> used, Optional<Duration> machine) {
  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final long USER_HZ = 100; // the unit of /proc/stat on Linux

  /** {@code pids}: name to process id; processes that are gone or do not report are left out. */
  static CpuSnapshot take(Map<String, Long> pids) {
    Map<String, Duration> used = new LinkedHashMap<>();
    pids.forEach((name, pid) -> ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .ifPresent(cpu -> used.put(name, cpu)));
    return new CpuSnapshot(used, machineBusy());
  }

  /**
   * CPU seconds per process between {@code earlier} and this snapshot, rounded to 0.01 s; on Linux also
   * {@code machine} (all busy CPU time) and {@code other} (machine minus the named processes).
   */
  Map<String, Double> secondsSince(CpuSnapshot earlier) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    Duration named = Duration.ZERO;
    for (Map.Entry<String, Duration> entry : used.entrySet()) {
      Duration before = earlier.used().get(entry.getKey());
      if (before == null) continue;
      Duration delta = entry.getValue().minus(before);
      named = named.plus(delta);
      seconds.put(entry.getKey(), rounded(delta));
    }
    if (machine.isPresent() && earlier.machine().isPresent()) {
      Duration all = machine.get().minus(earlier.machine().get());
      seconds.put("machine", rounded(all));
      seconds.put("other", rounded(all.minus(named).isNegative() ? Duration.ZERO : all.minus(named)));
    }
    return seconds;
  }

  /** Busy time of all CPUs from the first line of /proc/stat: everything but idle and iowait. */
  private static Optional<Duration> machineBusy() {
    try {
      String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
      if (!fields[0].equals("cpu")) return Optional.empty();
      long busy = 0;
      for (int i = 1; i < fields.length && i <= 7; i++) { // user nice system idle iowait irq softirq (not steal)
        if (i == 4 || i == 5) continue;
        busy += Long.parseLong(fields[i]);
      }
      return Optional.of(Duration.ofMillis(busy * 1000 / USER_HZ));
    } catch (IOException | RuntimeException notLinux) {
      return Optional.empty();
    }
  }

  private static double rounded(Duration duration) {
    return Math.round(duration.toMillis() / 10.0) / 100.0;
  }
}
