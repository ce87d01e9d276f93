package io.tenet.bench;

import io.tenet.persistence.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One controller node JVM of a {@link LocalStack}: its home directory, its own free loopback ports
 * (API, cluster, management, OpenFlow, OVSDB) and its process. It can be started, killed (-9),
 * stopped (SIGTERM: it leaves the cluster and hands its shards over) and started again on the same
 * ports and data.
 */
public final class LocalNode {
  static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final int index;
  private final Path home;
  private final int apiPort;
  private final int remotePort;
  private final int managementPort;
  private final int openflowPort;
  private final int ovsdbPort;
  private volatile Process process;

  LocalNode(int index, Path home) {
    this.index = index;
    this.home = home;
    int[] ports = FreePorts.take(5);
    this.apiPort = ports[0];
    this.remotePort = ports[1];
    this.managementPort = ports[2];
    this.openflowPort = ports[3];
    this.ovsdbPort = ports[4];
  }

  public int index() {
    return index;
  }

  public URI apiBase() {
    return URI.create("http://127.0.0.1:" + apiPort + "/v1");
  }

  /** host:port of its cluster address, as {@code GET /v1/datapaths} names the node of a datapath. */
  public String clusterAddress() {
    return "127.0.0.1:" + remotePort;
  }

  String seedAddress() {
    return "pekko://tenet@127.0.0.1:" + remotePort;
  }

  public int openflowPort() {
    return openflowPort;
  }

  public int ovsdbPort() {
    return ovsdbPort;
  }

  public OptionalLong pid() {
    Process p = process;
    return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  public Path log() {
    return home.resolve("node.log");
  }

  public String logTail() {
    return LocalStack.tail(log(), 40);
  }

  /** Launches the JVM with the stack's environment plus this node's ports; a restarted node continues the same log. */
  void launch(Map<String, String> environment) throws IOException {
    Files.createDirectories(home);
    List<String> command = Stream.of(
        Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        JVM_OPTIONS.stream(),
        Stream.of("-cp", System.getProperty("java.class.path"), "io.tenet.node.TenetNode")).flatMap(s -> s).toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().remove("TENET_SEEDS");
    builder.environment().putAll(environment);
    builder.environment().put("TENET_HOME", home.toString());
    builder.environment().put("TENET_API_HOST", "127.0.0.1");
    builder.environment().put("TENET_API_PORT", Integer.toString(apiPort));
    builder.environment().put("TENET_REMOTE_HOST", "127.0.0.1");
    builder.environment().put("TENET_REMOTE_PORT", Integer.toString(remotePort));
    builder.environment().put("TENET_MANAGEMENT_HOST", "127.0.0.1");
    builder.environment().put("TENET_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.environment().put("TENET_OPENFLOW_PORT", Integer.toString(openflowPort));
    builder.environment().put("TENET_OVSDB_PORT", Integer.toString(ovsdbPort));
    process = builder.start();
    process.getOutputStream().close();
  }

  /** Waits until {@code /v1/health/ready} answers 200 (an Up cluster member that has persisted a write). */
  public void awaitHealthy() throws Exception {
    BenchmarkApi api = new BenchmarkApi(apiBase(), Duration.ofSeconds(10));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      Process p = process;
      if (!p.isAlive()) throw new IllegalStateException("node " + index + " exited with " + p.exitValue() + "; last lines of its log:\n" + logTail());
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

  /** kill -9: no shutdown, no goodbye to the cluster or the switches, exactly a crash. */
  public void kill() throws InterruptedException {
    Process p = process;
    if (p == null || !p.isAlive()) return;
    LocalStack.log("killing node " + index + " pid " + p.pid() + " (SIGKILL)");
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not exited within 30 s; true if it exited by itself. */
  public boolean stop() {
    Process p = process;
    if (p == null || !p.isAlive()) return true;
    try {
      LocalStack.log("stopping node " + index + " pid " + p.pid() + " (SIGTERM)");
      p.destroy();
      if (p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) return true;
      LocalStack.log("node " + index + " pid " + p.pid() + " ignored SIGTERM for " + STOP_TIMEOUT.toSeconds() + " s; SIGKILL");
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return false;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
