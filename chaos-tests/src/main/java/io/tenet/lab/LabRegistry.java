package io.tenet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The machine-wide record of labs: one directory per lab under {@link #ROOT} (the same path for
 * every JVM, whatever its java.io.tmpdir), holding the owning JVM's pid and start time. Claiming a
 * lab number and sweeping dead labs happen under one file lock, so no JVM claims a number while
 * another decides whether that number's leftovers are orphans.
 */
final class LabRegistry {
  static final Path ROOT = Path.of("/tmp/tenet-labs");
  static final String OWNER_PID_FILE = "owner.pid";
  static final String OWNER_START_FILE = "owner.started";

  // FileLock excludes other JVMs only; threads of this JVM queue here first
  private static final ReentrantLock JVM_LOCK = new ReentrantLock();

  private LabRegistry() {
  }

  /** Claims the first free lab number from a pid-dependent start, so parallel JVMs rarely even contend. */
  static LabLayout claim() {
    return underLock(() -> {
      try {
        sweepStaleLocked();
      } catch (RuntimeException e) {
        // a leftover that resists removal keeps its number; the new lab takes another
        System.getLogger(LabRegistry.class.getName()).log(System.Logger.Level.WARNING, "stale lab sweep incomplete", e);
      }
      List<String> hostPrefixes = HostNetwork.ipv4PrefixesInUse();
      Set<String> usedNames = new HashSet<>(HostNetwork.namespaces());
      usedNames.addAll(HostNetwork.links());
      int range = LabLayout.MAX_NUMBER - LabLayout.MIN_NUMBER + 1;
      int start = (int) (ProcessHandle.current().pid() % range);
      for (int i = 0; i < range; i++) {
        LabLayout layout = new LabLayout(LabLayout.MIN_NUMBER + (start + i) % range);
        if (isFree(layout, hostPrefixes, usedNames) && tryCreate(layout)) return layout;
      }
      throw new IllegalStateException("no free lab number: all of " + range + " are in use or clash with host addresses");
    });
  }

  static Path directory(LabLayout layout) {
    return ROOT.resolve(layout.prefix());
  }

  /** Removes every lab whose owning JVM is gone, and lab-named namespaces or links without a lab directory. */
  static void sweepStale() {
    underLock(() -> {
      sweepStaleLocked();
      return null;
    });
  }

  private static void sweepStaleLocked() {
    List<RuntimeException> failures = new ArrayList<>();
    Set<String> prefixes = new HashSet<>();
    try (Stream<Path> entries = Files.isDirectory(ROOT) ? Files.list(ROOT) : Stream.empty()) {
      entries.map(path -> path.getFileName().toString()).filter(name -> LabLayout.PREFIX.matcher(name).matches()).forEach(prefixes::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : HostNetwork.namespaces()) ownedPrefix(name).ifPresent(prefixes::add);
    for (String name : HostNetwork.links()) ownedPrefix(name).ifPresent(prefixes::add);
    for (String prefix : prefixes) {
      LabLayout layout = LabLayout.ofPrefix(prefix);
      Path directory = directory(layout);
      if (ownerAlive(directory)) continue;
      try {
        LabTeardown.remove(layout, directory, strandedProcesses(layout, directory));
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      IllegalStateException failed = new IllegalStateException("stale labs not fully removed: " + failures.get(0).getMessage());
      failures.forEach(failed::addSuppressed);
      throw failed;
    }
  }

  private static Optional<String> ownedPrefix(String name) {
    Matcher matcher = LabLayout.OWNED_NAME.matcher(name);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * Processes a dead lab left outside its namespaces (a capture on a root namespace link, say). The
   * PIDs come from its file; one only counts if its command line still names the lab, because the
   * PID may belong to an unrelated process by now.
   */
  private static List<ProcessHandle> strandedProcesses(LabLayout layout, Path directory) {
    List<ProcessHandle> processes = new ArrayList<>();
    for (long pid : LabProcesses.recordedPids(directory)) {
      ProcessHandle.of(pid)
          .filter(process -> process.info().commandLine()
              .map(line -> line.contains(directory.toString()) || line.contains(layout.prefix() + "-"))
              .orElse(false))
          .ifPresent(processes::add);
    }
    return processes;
  }

  private static boolean ownerAlive(Path directory) {
    try {
      if (!Files.isRegularFile(directory.resolve(OWNER_PID_FILE))) return false;
      long pid = Long.parseLong(Files.readString(directory.resolve(OWNER_PID_FILE)).strip());
      Instant started = Instant.parse(Files.readString(directory.resolve(OWNER_START_FILE)).strip());
      // the same PID with another start time is a reused PID: the owner is gone
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(process -> process.info().startInstant())
          .map(started::equals)
          .orElse(false);
    } catch (IOException | RuntimeException e) {
      // unreadable marker: a JVM that died while writing it
      return false;
    }
  }

  private static boolean isFree(LabLayout layout, List<String> hostPrefixes, Set<String> usedNames) {
    if (Files.exists(directory(layout))) return false;
    if (usedNames.stream().anyMatch(name -> name.startsWith(layout.prefix() + "-"))) return false;
    return hostPrefixes.stream().noneMatch(used ->
        HostNetwork.overlaps(used, layout.managementSubnet()) || HostNetwork.overlaps(used, layout.underlaySubnet()));
  }

  private static boolean tryCreate(LabLayout layout) {
    Path directory = directory(layout);
    try {
      Files.createDirectory(directory);
    } catch (IOException e) {
      return false;
    }
    try {
      ProcessHandle self = ProcessHandle.current();
      Files.writeString(directory.resolve(OWNER_START_FILE), self.info().startInstant().orElseThrow().toString());
      Files.writeString(directory.resolve(OWNER_PID_FILE), Long.toString(self.pid()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T underLock(Supplier<T> action) {
    JVM_LOCK.lock();
    try {
      Files.createDirectories(ROOT);
      try (FileChannel channel = FileChannel.open(ROOT.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock ignored = channel.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      JVM_LOCK.unlock();
    }
  }
}
