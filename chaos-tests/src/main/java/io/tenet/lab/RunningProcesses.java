package io.tenet.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Whether a process still runs, as far as the files and locks it holds are concerned. */
public final class RunningProcesses {
  private static final Duration EXIT_POLL = Duration.ofMillis(10);

  private RunningProcesses() {}

  /**
   * Alive and not a zombie. Detached daemons are children of init, which on some machines reaps
   * them only seconds after they exit; ProcessHandle.isAlive() counts a zombie as alive, and its
   * onExit() polls in steps of 300 ms and more, so neither is used to wait for an exit.
   */
  public static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) return false;
    // every thread, not just the first: after SIGKILL the main thread of a multi-threaded daemon
    // (ovs-vswitchd) can be a zombie while its other threads still exit, holding its files and
    // pid-file lock, and a new instance started then finds it "already running"
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      return tasks.anyMatch(RunningProcesses::threadRuns);
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

  /** kill -9 of {@code pid}, then waits until it no longer runs; true if it ended within {@code timeout} (or was gone). */
  public static boolean kill(long pid, Duration timeout) throws InterruptedException {
    java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) return true;
    process.get().destroyForcibly();
    return awaitEnd(process.get(), timeout);
  }

  /** Waits until the process no longer runs; true if it ended within {@code timeout}. */
  public static boolean awaitEnd(ProcessHandle process, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(process)) {
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(EXIT_POLL.toMillis());
    }
    return true;
  }
}
