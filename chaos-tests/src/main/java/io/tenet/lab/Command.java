package io.tenet.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one external command to completion and returns its stdout; any failure names the command line. */
final class Command {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  // stdout and stderr are drained in parallel so a chatty command can never block on a full pipe
  private static final ExecutorService STREAM_READERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "lab-command-output");
    thread.setDaemon(true);
    return thread;
  });

  private Command() {
  }

  static String run(List<String> command) {
    return run(command, Map.of(), null, DEFAULT_TIMEOUT);
  }

  static String run(List<String> command, Map<String, String> environment) {
    return run(command, environment, null, DEFAULT_TIMEOUT);
  }

  /** Feeds {@code stdin} (may be null) to the command, e.g. the lines of an {@code ip -batch -}. */
  static String run(List<String> command, Map<String, String> environment, String stdin, Duration timeout) {
    Result result = runAllowingFailure(command, environment, stdin, timeout);
    if (result.exitCode() != 0) throw new CommandFailedException(command, result.exitCode(), result.stdout(), result.stderr());
    return result.stdout();
  }

  /** For commands whose non-zero exit is an answer (ping without replies), not an error. */
  static Result runAllowingFailure(List<String> command, Map<String, String> environment, String stdin, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, "", e.toString());
    }
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), STREAM_READERS);
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), STREAM_READERS);
    try (OutputStream input = process.getOutputStream()) {
      if (stdin != null) input.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the command exited without reading its input; its exit code tells what happened
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new CommandFailedException(command, -1, "", "no exit within " + timeout);
      }
      return new Result(process.exitValue(), stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS), stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CommandFailedException(command, -1, "", "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new CommandFailedException(command, -1, "", "output not readable: " + e);
    }
  }

  private static String readAll(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(int exitCode, String stdout, String stderr) {
  }
}
