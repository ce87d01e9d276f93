package io.tenet.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes everything of one lab: its processes (by PID), its namespaces, the root namespace links
 * named with its prefix, and its directory. Used by {@link OvsLab#close()} and by the sweep of labs
 * whose JVM died; it goes on after a failure and reports all of them at the end.
 */
final class LabTeardown {
  // deleting a namespace destroys its veths asynchronously: the root ends linger for a moment
  private static final Duration LINKS_GONE_TIMEOUT = Duration.ofSeconds(10);

  private final LabLayout layout;
  private final List<Exception> failures = new ArrayList<>();

  private LabTeardown(LabLayout layout) {
    this.layout = layout;
  }

  /** @param directory the lab directory, or null when it is already gone */
  static void remove(LabLayout layout, Path directory, Collection<ProcessHandle> processes) {
    LabTeardown teardown = new LabTeardown(layout);
    teardown.attempt(() -> LabProcesses.stop(processes));
    teardown.attempt(teardown::removeNamespaces);
    teardown.attempt(teardown::removeRootLinks);
    if (directory != null) teardown.attempt(() -> deleteRecursively(directory));
    teardown.throwIfFailed();
  }

  private void removeNamespaces() {
    for (String namespace : owned(HostNetwork.namespaces())) {
      // a namespace lives on while any process is in it: end what is still running there, by PID
      attempt(() -> LabProcesses.stop(processesIn(namespace)));
      attempt(() -> Command.run(List.of("ip", "netns", "delete", namespace)));
    }
  }

  private void removeRootLinks() {
    long deadline = System.nanoTime() + LINKS_GONE_TIMEOUT.toNanos();
    List<String> remaining = owned(HostNetwork.links());
    while (!remaining.isEmpty()) {
      for (String link : remaining) {
        try {
          Command.run(List.of("ip", "link", "delete", link));
        } catch (CommandFailedException e) {
          // its namespace's deletion may have taken it away meanwhile
          if (!e.stderr().contains("Cannot find device")) failures.add(e);
        }
      }
      remaining = owned(HostNetwork.links());
      if (remaining.isEmpty()) break;
      if (System.nanoTime() > deadline) {
        failures.add(new IllegalStateException("links still present: " + remaining));
        break;
      }
      sleep(Duration.ofMillis(50));
    }
  }

  private List<String> owned(List<String> names) {
    String start = layout.prefix() + "-";
    return names.stream().filter(name -> name.startsWith(start)).toList();
  }

  private static List<ProcessHandle> processesIn(String namespace) {
    List<ProcessHandle> processes = new ArrayList<>();
    for (String pid : Command.run(List.of("ip", "netns", "pids", namespace)).split("\\s+")) {
      if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid)).ifPresent(processes::add);
    }
    return processes;
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) return;
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    }
  }

  private void attempt(FallibleStep step) {
    try {
      step.run();
    } catch (Exception e) {
      failures.add(e);
    }
  }

  private void throwIfFailed() {
    if (failures.isEmpty()) return;
    IllegalStateException failed = new IllegalStateException("lab " + layout.prefix() + " not fully removed: " + failures.get(0).getMessage());
    failures.forEach(failed::addSuppressed);
    throw failed;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface FallibleStep {
    void run() throws Exception;
  }
}
