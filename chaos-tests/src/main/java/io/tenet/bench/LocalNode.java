package io.tenet.bench;

import io.tenet.lab.RunningProcesses;
import io.tenet.node.NodeJvm;
import io.tenet.persistence.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One controller node JVM of a {@link LocalStack}: its home directory, its own free loopback ports
 * (API, cluster, management, OpenFlow, OVSDB) and its process. It can be started, killed (-9),
 * stopped (SIGTERM: it leaves the cluster and hands its shards over) and started again on the same
 * ports and data.
 */
public final class LocalNode {
  /** The heap is 1 GiB unless -Dtenet.bench.node-heap says otherwise (the fleet benchmark gives the node the 4 GiB its target allows). */
  static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx" + System.getProperty("tenet.bench.node-heap", "1g"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final int index;
  private final Path home;
  private final int apiPort;
  private final int remotePort;
  private final int managementPort;
  private final int openflowPort;
  private final int ovsdbPort;
  private final int neutronPort;
  private volatile NodeHost host = NodeHost.LOOPBACK;
  private volatile ProcessHandle process;

  LocalNode(int index, Path home) {
    this.index = index;
    this.home = home;
    int[] ports = FreePorts.take(6);
    this.apiPort = ports[0];
    this.remotePort = ports[1];
    this.managementPort = ports[2];
    this.openflowPort = ports[3];
    this.ovsdbPort = ports[4];
    this.neutronPort = ports[5];
  }

  public int index() {
    return index;
  }

  public URI apiBase() {
    return URI.create("http://" + host.address() + ":" + apiPort + "/v1");
  }

  /** The Neutron v2.0 listener's root (what the OpenStack client takes as its endpoint). */
  public URI neutronBase() {
    return URI.create("http://" + host.address() + ":" + neutronPort);
  }

  /** host:port of its cluster address, as {@code GET /v1/datapaths} names the node of a datapath. */
  public String clusterAddress() {
    return host.address() + ":" + remotePort;
  }

  String seedAddress() {
    return "pekko://tenet@" + clusterAddress();
  }

  public NodeHost host() {
    return host;
  }

  /** Where the node runs from its next start on (by default loopback, in the test's own namespace). */
  void placeOn(NodeHost host) {
    this.host = host;
  }

  /** Pekko Management's HTTP port: {@code /cluster/members} answers from the node's own view, without asking other members. */
  public int managementPort() {
    return managementPort;
  }

  public int openflowPort() {
    return openflowPort;
  }

  public int ovsdbPort() {
    return ovsdbPort;
  }

  public OptionalLong pid() {
    ProcessHandle p = process;
    return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
  }

  public boolean isAlive() {
    ProcessHandle p = process;
    return p != null && RunningProcesses.isRunning(p);
  }

  public Path log() {
    return home.resolve("node.log");
  }

  public String logTail() {
    return LocalStack.tail(log(), 40);
  }

  public Path home() {
    return home;
  }

  /** Where the running node's pid is kept, for whatever starts and stops it next (deploy/bin/tenet-node). */
  public Path pidFile() {
    return home.resolve("node.pid");
  }

  /**
   * Launches the JVM with the stack's environment plus this node's ports; a restarted node
   * continues the same log. Its settings are also written to {@code tenet.env} in its home and its
   * pid to {@link #pidFile()}, so that {@code deploy/bin/tenet-node} can stop and start it as a
   * service manager would. {@code stackJvmOptions}: {@code -D} settings every node of the stack
   * gets (e.g. its keyspaces on a shared Cassandra).
   */
  void launch(Map<String, String> stackEnvironment, List<String> stackJvmOptions) throws IOException {
    Files.createDirectories(home);
    Map<String, String> environment = new TreeMap<>(stackEnvironment);
    environment.put("TENET_HOME", home.toString());
    environment.put("TENET_API_HOST", host.address());
    environment.put("TENET_API_PORT", Integer.toString(apiPort));
    environment.put("TENET_REMOTE_HOST", host.address());
    environment.put("TENET_REMOTE_PORT", Integer.toString(remotePort));
    environment.put("TENET_MANAGEMENT_HOST", host.address());
    environment.put("TENET_MANAGEMENT_PORT", Integer.toString(managementPort));
    environment.put("TENET_OPENFLOW_PORT", Integer.toString(openflowPort));
    environment.put("TENET_OVSDB_PORT", Integer.toString(ovsdbPort));
    environment.put("TENET_NEUTRON_HOST", host.address());
    environment.put("TENET_NEUTRON_PORT", Integer.toString(neutronPort));
    writeServiceSettings(environment, stackJvmOptions);
    List<String> command = Stream.of(
        host.commandPrefix().stream(),
        Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        JVM_OPTIONS.stream(), stackJvmOptions.stream(), NodeJvm.REQUIRED_OPTIONS.stream(), profiling(),
        Stream.of("-cp", System.getProperty("java.class.path"), "io.tenet.node.TenetNode")).flatMap(s -> s).toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().remove("TENET_SEEDS");
    builder.environment().putAll(environment);
    Process started = builder.start();
    started.getOutputStream().close();
    process = started.toHandle();
    Files.writeString(pidFile(), started.pid() + "\n");
  }

  /**
   * With -Dtenet.bench.node-jfr=DIR (TENET_BENCH_NODE_JFR for deploy/bin/bench), the node records
   * a JFR profile to DIR/node-N.jfr, written when it exits: where a benchmark's CPU time went.
   */
  private Stream<String> profiling() {
    String directory = System.getProperty("tenet.bench.node-jfr", "");
    if (directory.isBlank()) return Stream.of();
    Path recording = Path.of(directory).toAbsolutePath().resolve("node-" + index + ".jfr");
    return Stream.of("-XX:StartFlightRecording=settings=profile,path-to-gc-roots=true,dumponexit=true,filename=" + recording);
  }

  /** tenet.env in the node's home: what deploy/bin/tenet-node starts it with (KEY='value' lines, as a systemd EnvironmentFile). */
  private void writeServiceSettings(Map<String, String> environment, List<String> stackJvmOptions) throws IOException {
    StringBuilder settings = new StringBuilder("# written by the test stack: what deploy/bin/tenet-node starts this node with\n");
    environment.forEach((key, value) -> settings.append(key).append("='").append(value.replace("'", "")).append("'\n"));
    settings.append("TENET_CLASSPATH='").append(System.getProperty("java.class.path")).append("'\n");
    settings.append("TENET_JAVA_OPTS='").append(String.join(" ", Stream.concat(JVM_OPTIONS.stream(), stackJvmOptions.stream()).toList())).append("'\n");
    Files.writeString(home.resolve("tenet.env"), settings);
  }

  /** Takes over the process named in {@link #pidFile()}: after something else (tenet-node, tenet-rolling) started the node again. */
  public void adoptFromPidFile() throws IOException {
    long pid = Long.parseLong(Files.readString(pidFile()).trim());
    process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("node " + index + ": no process " + pid + " from " + pidFile()));
  }

  /** Waits until {@code /v1/health/ready} answers 200 (an Up cluster member that has persisted a write). */
  public void awaitHealthy() throws Exception {
    BenchmarkApi api = new BenchmarkApi(apiBase(), Duration.ofSeconds(10));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!isAlive()) throw new IllegalStateException("node " + index + " exited; last lines of its log:\n" + logTail());
      try {
        BenchmarkApi.Answer health = api.ready();
        if (health.status() == 200) return;
        last = health.status() + " " + health.body();
      } catch (IOException notListeningYet) {
        last = notListeningYet.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("node " + index + " not healthy after " + START_TIMEOUT.toSeconds() + " s (last: " + last
        + "); last lines of its log:\n" + logTail());
  }

  /** Waits for the process to end by itself (e.g. a node that downed itself); true if it did within {@code timeout}. */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    ProcessHandle p = process;
    return p == null || RunningProcesses.awaitEnd(p, timeout);
  }

  /** kill -9: no shutdown, no goodbye to the cluster or the switches, exactly a crash. */
  public void kill() throws InterruptedException {
    ProcessHandle p = process;
    if (p == null || !RunningProcesses.isRunning(p)) return;
    LocalStack.log("killing node " + index + " pid " + p.pid() + " (SIGKILL)");
    p.destroyForcibly();
    RunningProcesses.awaitEnd(p, Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL if it has not exited within 30 s; true if it exited by itself. */
  public boolean stop() {
    ProcessHandle p = process;
    if (p == null || !RunningProcesses.isRunning(p)) return true;
    try {
      LocalStack.log("stopping node " + index + " pid " + p.pid() + " (SIGTERM)");
      p.destroy();
      if (RunningProcesses.awaitEnd(p, STOP_TIMEOUT)) return true;
      LocalStack.log("node " + index + " pid " + p.pid() + " ignored SIGTERM for " + STOP_TIMEOUT.toSeconds() + " s; SIGKILL");
      p.destroyForcibly();
      RunningProcesses.awaitEnd(p, Duration.ofSeconds(10));
      return false;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
