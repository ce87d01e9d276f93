package io.tenet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OVN's central part, for the side-by-side benchmark: the northbound and southbound databases
 * (an ovsdb-server each) and ovn-northd, in the root namespace. The southbound database listens
 * on the lab's controller address, which every hypervisor namespace reaches. The processes are
 * the lab's: closing the lab stops them.
 */
public final class OvnCentral {
  static final int SOUTHBOUND_PORT = 6642;
  private static final Path SCHEMAS = Path.of("/usr/share/ovn");
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private final OvsLab lab;
  private final Path directory;
  private final Map<String, Long> pids = new LinkedHashMap<>();

  private OvnCentral(OvsLab lab, Path directory) {
    this.lab = lab;
    this.directory = directory;
  }

  /** Creates both databases and starts their servers and ovn-northd; needs Debian's ovn-central. */
  public static OvnCentral start(OvsLab lab) {
    if (!Files.exists(SCHEMAS.resolve("ovn-nb.ovsschema"))) {
      throw new IllegalStateException("OVN is not installed (no " + SCHEMAS.resolve("ovn-nb.ovsschema") + "): apt-get install ovn-central ovn-host");
    }
    OvnCentral central = new OvnCentral(lab, lab.directory().resolve("ovn-central"));
    try {
      Files.createDirectories(central.directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    central.startDatabase("nb", "ovn-nb.ovsschema", null);
    central.startDatabase("sb", "ovn-sb.ovsschema", "ptcp:" + SOUTHBOUND_PORT + ":" + lab.controllerAddress());
    central.startNorthd();
    return central;
  }

  /** Starts ovn-northd (again, after {@link #killNorthd}) on the same databases. */
  public void startNorthd() {
    run("northd", List.of("ovn-northd", "--ovnnb-db=unix:" + socket("nb"), "--ovnsb-db=unix:" + socket("sb")));
  }

  /** kill -9 of ovn-northd; the databases keep running. */
  public void killNorthd() throws InterruptedException {
    Long pid = pids.get("ovn-northd");
    if (pid != null && !RunningProcesses.kill(pid, KILL_TIMEOUT)) throw new IllegalStateException("ovn-northd " + pid + " survived SIGKILL");
  }

  private void startDatabase(String name, String schema, String tcpRemote) {
    Path db = directory.resolve(name + ".db");
    Command.run(List.of("ovsdb-tool", "create", db.toString(), SCHEMAS.resolve(schema).toString()));
    List<String> command = new ArrayList<>(List.of("ovsdb-server", db.toString(), "--remote=punix:" + socket(name)));
    if (tcpRemote != null) command.add("--remote=" + tcpRemote);
    run(name + "-ovsdb-server", command);
  }

  /** Starts a daemon detached, with its pid file, log and control socket in this directory, and hands it to the lab. */
  private void run(String name, List<String> command) {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("--pidfile=" + directory.resolve(name + ".pid"), "--detach", "--log-file=" + directory.resolve(name + ".log"),
        "--unixctl=" + directory.resolve(name + ".ctl")));
    Command.run(full, Map.of("OVN_RUNDIR", directory.toString(), "OVS_RUNDIR", directory.toString()));
    try {
      long pid = Long.parseLong(Files.readString(directory.resolve(name + ".pid")).strip());
      ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") exited right after starting"));
      lab.processes().track(process, "ovn " + name);
      pids.put("ovn-" + name, pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path socket(String database) {
    return directory.resolve(database + ".sock");
  }

  /** Where ovn-controllers find the southbound database. */
  public String southbound() {
    return "tcp:" + lab.controllerAddress() + ":" + SOUTHBOUND_PORT;
  }

  /** ovn-nbctl against the northbound database; returns its output. */
  public String nbctl(String... args) {
    List<String> command = new ArrayList<>(List.of("ovn-nbctl", "--db=unix:" + socket("nb")));
    command.addAll(List.of(args));
    return Command.run(command);
  }

  /** Name to pid of each central daemon, to measure their CPU and memory. */
  public Map<String, Long> pids() {
    return Map.copyOf(pids);
  }
}
