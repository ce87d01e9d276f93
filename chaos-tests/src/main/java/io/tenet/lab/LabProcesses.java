package io.tenet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The processes one lab started. Each is also appended to a file in the lab directory, so that a
 * later JVM can end them if this one dies without closing the lab.
 */
final class LabProcesses {
  static final String FILE_NAME = "processes";
  static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Duration EXIT_POLL = Duration.ofMillis(10);

  private final Path file;
  private final List<ProcessHandle> started = new ArrayList<>();

  LabProcesses(Path labDirectory) {
    this.file = labDirectory.resolve(FILE_NAME);
  }

  synchronized void track(ProcessHandle process, String label) {
    started.add(process);
    try {
      Files.writeString(file, process.pid() + " " + label + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized List<ProcessHandle> all() {
    return List.copyOf(started);
  }

  /** PIDs recorded in a lab directory's file, by whichever JVM ran that lab. */
  static List<Long> recordedPids(Path labDirectory) {
    Path file = labDirectory.resolve(FILE_NAME);
    List<Long> pids = new ArrayList<>();
    if (!Files.isRegularFile(file)) return pids;
    try {
      for (String line : Files.readAllLines(file)) {
        String[] fields = line.strip().split("\\s+");
        if (!fields[0].isEmpty()) pids.add(Long.parseLong(fields[0]));
      }
    } catch (IOException | NumberFormatException e) {
      // a torn last line of a crashed JVM: the namespaces' own pid lists still catch its processes
    }
    return pids;
  }

  /**
   * SIGTERM to all at once, then SIGKILL to those still running after the grace period. A handle
   * remembers its process's start time, so a PID reused meanwhile by another process is not hit.
   */
  static void stop(Collection<ProcessHandle> processes) {
    List<ProcessHandle> running = processes.stream().filter(RunningProcesses::isRunning).toList();
    running.forEach(ProcessHandle::destroy);
    awaitExit(running, STOP_GRACE);
    List<ProcessHandle> stubborn = running.stream().filter(RunningProcesses::isRunning).toList();
    stubborn.forEach(ProcessHandle::destroyForcibly);
    awaitExit(stubborn, STOP_GRACE);
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(RunningProcesses::isRunning) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(EXIT_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
