package io.tenet.switches.ovs;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Open vSwitch of the test's own: its own ovsdb-server and ovs-vswitchd (userspace
 * datapath) with database, sockets and pid files in a temporary directory, so it never touches
 * a system OVS. Closing it kills both daemons by PID and removes the directory.
 */
public final class PrivateOvs implements AutoCloseable {
  private final Path dir;

  private PrivateOvs(Path dir) {
    this.dir = dir;
  }

  public static PrivateOvs start() throws IOException, InterruptedException {
    PrivateOvs ovs = new PrivateOvs(Files.createTempDirectory("tenet-ovs"));
    try {
      Path db = ovs.dir.resolve("conf.db");
      ovs.run(List.of("ovsdb-tool", "create", db.toString(), "/usr/share/openvswitch/vswitch.ovsschema"));
      // manager_options as ovs-ctl passes it: `ovs-vsctl set-manager tcp:host:port` then makes it connect out
      ovs.run(List.of("ovsdb-server", db.toString(), "--remote=punix:" + ovs.socket(), "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
          "--pidfile=" + ovs.dir.resolve("ovsdb.pid"),
          "--detach", "--log-file=" + ovs.dir.resolve("ovsdb.log"), "--unixctl=" + ovs.dir.resolve("ovsdb.ctl")));
      ovs.vsctl("--no-wait", "init");
      ovs.run(List.of("ovs-vswitchd", "unix:" + ovs.socket(), "--pidfile=" + ovs.dir.resolve("vsd.pid"), "--detach",
          "--log-file=" + ovs.dir.resolve("vsd.log"), "--unixctl=" + ovs.dir.resolve("vsd.ctl")));
      return ovs;
    } catch (IOException | RuntimeException | InterruptedException failed) {
      ovs.close();
      throw failed;
    }
  }

  /** br-int (userspace, secure, OpenFlow 1.3) with the ports {@code SampleViews.HV1} expects: tunnel vx0 at ofport 1, a1 at 2, b1 at 3. */
  public void addSampleIntegrationBridge() throws IOException, InterruptedException {
    vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev", "protocols=OpenFlow13", "fail-mode=secure",
        "--", "add-port", "br-int", "vx0", "--", "set", "interface", "vx0", "type=vxlan", "options:remote_ip=flow", "options:key=flow", "ofport_request=1",
        "--", "add-port", "br-int", "a1", "--", "set", "interface", "a1", "type=internal", "ofport_request=2",
        "--", "add-port", "br-int", "b1", "--", "set", "interface", "b1", "type=internal", "ofport_request=3");
  }

  /** Loads compiled flows and groups into br-int the way an operator would, with ovs-ofctl (their text form). */
  public void loadIntoIntegrationBridge(CompiledFlows compiled) throws IOException, InterruptedException {
    Path groups = dir.resolve("groups.txt");
    Path flows = dir.resolve("flows.txt");
    Files.writeString(groups, compiled.groups().stream().map(GroupEntry::ofctl).collect(Collectors.joining("\n", "", "\n")));
    Files.writeString(flows, compiled.legend() + compiled.flows().stream().map(FlowEntry::ofctl).collect(Collectors.joining("\n", "", "\n")));
    ofctl("br-int", "add-groups", groups.toString());
    ofctl("br-int", "add-flows", flows.toString());
  }

  /** br-int's only controller: ours on 127.0.0.1, out-of-band. */
  public void setController(int openflowPort) throws IOException, InterruptedException {
    vsctl("set-controller", "br-int", "tcp:127.0.0.1:" + openflowPort, "--", "set", "controller", "br-int", "connection-mode=out-of-band");
  }

  public String vsctl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket()));
    command.addAll(List.of(args));
    return run(command);
  }

  public String ofctl(String bridge, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13", args[0], "unix:" + dir.resolve(bridge + ".mgmt")));
    command.addAll(List.of(args).subList(1, args.length));
    return run(command);
  }

  public String appctl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ovs-appctl", "-t", dir.resolve("vsd.ctl").toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  public Path dir() {
    return dir;
  }

  private Path socket() {
    return dir.resolve("db.sock");
  }

  /** Runs a command with OVS_RUNDIR set to this instance (without it the bridges' .mgmt sockets clash). */
  String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OVS_RUNDIR", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    if (process.exitValue() != 0) throw new IOException(command + " exited " + process.exitValue() + ": " + output);
    return output;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (String pidFile : List.of("vsd.pid", "ovsdb.pid")) {
      Path file = dir.resolve(pidFile);
      if (!Files.exists(file)) continue;
      long pid = Long.parseLong(Files.readString(file).trim());
      ProcessHandle.of(pid).ifPresent(process -> {
        process.destroy();
        if (!process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).thenApply(p -> !process.isAlive()).join()) process.destroyForcibly();
      });
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
