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
import java.util.stream.Stream;

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
    List<ProcessHandle> running = processes.stream().filter(LabProcesses::isRunning).toList();
    running.forEach(ProcessHandle::destroy);
    awaitExit(running, STOP_GRACE);
    List<ProcessHandle> stubborn = running.stream().filter(LabProcesses::isRunning).toList();
    stubborn.forEach(ProcessHandle::destroyForcibly);
    awaitExit(stubborn, STOP_GRACE);
  }

  /**
   * Alive and not a zombie. Detached daemons are children of init, which on some machines reaps
   * them only seconds after they exit; ProcessHandle.isAlive() counts a zombie as alive, and its
   * onExit() polls in steps of 300 ms and more, so neither is used to wait for an exit.
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) return false;
    // every thread, not just the first: after SIGKILL the main thread of a multi-threaded daemon
    // (ovs-vswitchd) can be a zombie while its other threads still exit, holding its files and
    // pid-file lock, and a new instance started then finds it "already running"
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      return tasks.anyMatch(LabProcesses::threadRuns);
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  private static boolean threadRuns(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      // "tid (command) state ...": the command may contain spaces and parentheses
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(LabProcesses::isRunning) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(EXIT_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
