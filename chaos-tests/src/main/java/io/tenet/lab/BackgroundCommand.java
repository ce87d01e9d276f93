package io.tenet.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command (ping, tcpdump) whose output goes to files in the lab directory, so it
 * can run for minutes without anyone reading a pipe, and is tracked by the lab for close().
 */
final class BackgroundCommand {
  private final List<String> command;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private BackgroundCommand(List<String> command, Process process, Path stdout, Path stderr) {
    this.command = command;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** @param outputStem the stdout file is {@code outputStem.out}, stderr {@code outputStem.err} */
  static BackgroundCommand start(List<String> command, Path outputStem, LabProcesses processes) {
    Path stdout = Path.of(outputStem + ".out");
    Path stderr = Path.of(outputStem + ".err");
    try {
      Files.createDirectories(outputStem.getParent());
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      processes.track(process.toHandle(), String.join(" ", command));
      return new BackgroundCommand(command, process, stdout, stderr);
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, "", e.toString());
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends a signal by PID: ping prints its summary on SIGINT only, SIGTERM would lose it. */
  void signal(String signal) {
    if (!process.isAlive()) return;
    try {
      Command.run(List.of("kill", "-s", signal, Long.toString(process.pid())));
    } catch (CommandFailedException e) {
      // it exited between the check and the signal
      if (process.isAlive()) throw e;
    }
  }

  /** Waits for the exit, escalating to SIGKILL after the timeout; returns the exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  List<String> stdoutLines() {
    return readLines(stdout);
  }

  String stderrText() {
    return String.join("\n", readLines(stderr));
  }

  List<String> command() {
    return command;
  }

  CommandFailedException failure(int exitCode) {
    return new CommandFailedException(command, exitCode, String.join("\n", stdoutLines()), stderrText());
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      return List.of("(unreadable: " + e + ")");
    }
  }
}
