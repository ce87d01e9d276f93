package io.tenet.lab;

import java.util.List;

/** A lab command exited non-zero (or timed out); carries everything needed to see why without the logs. */
public final class CommandFailedException extends RuntimeException {
  private final List<String> command;
  private final int exitCode;
  private final String stdout;
  private final String stderr;

  CommandFailedException(List<String> command, int exitCode, String stdout, String stderr) {
    super(String.join(" ", command) + " exited " + exitCode + describe("stderr", stderr) + describe("stdout", stdout));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  private static String describe(String stream, String text) {
    return text.isBlank() ? "" : "\n" + stream + ": " + text.strip();
  }

  public List<String> command() {
    return command;
  }

  /** -1 when the command was killed for running too long. */
  public int exitCode() {
    return exitCode;
  }

  public String stdout() {
    return stdout;
  }

  public String stderr() {
    return stderr;
  }
}
