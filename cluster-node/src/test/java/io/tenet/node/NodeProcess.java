package io.tenet.node;

import io.tenet.persistence.testing.FreePorts;
import io.tenet.persistence.testing.SharedCassandra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A controller node in its own JVM, as in production, against the test run's shared Cassandra.
 * Each node gets free ports, its own home and (unless told otherwise) its own keyspace; it is
 * killed by PID when the test closes it, also when the test fails.
 */
final class NodeProcess implements AutoCloseable {
  static final String ADMIN_TOKEN = "adm.test-admin-token";

  private final Path home;
  private final String keyspace;
  private final String cassandra;
  private final List<String> extraJvmArgs;
  private final int apiPort;
  private final int remotePort;
  private final int managementPort;
  private final int neutronPort;
  private Process process;

  private NodeProcess(Path home, String keyspace, String cassandra, List<String> extraJvmArgs) {
    int[] ports = FreePorts.take(4);
    this.home = home;
    this.keyspace = keyspace;
    this.cassandra = cassandra;
    this.extraJvmArgs = extraJvmArgs;
    this.apiPort = ports[0];
    this.remotePort = ports[1];
    this.managementPort = ports[2];
    this.neutronPort = ports[3];
  }

  /** Starts a node with a fresh keyspace and waits until it is ready (Up in the cluster, accepting writes). */
  static NodeProcess start(String name) throws Exception {
    return start(name, SharedCassandra.host() + ":" + SharedCassandra.cqlPort(), List.of());
  }

  /** A node against a given Cassandra ({@code host:port}), with extra {@code -D} settings. */
  static NodeProcess start(String name, String cassandra, List<String> extraJvmArgs) throws Exception {
    NodeProcess node = new NodeProcess(Files.createTempDirectory("tenet-node-" + name), "it_" + name + "_" + System.nanoTime() % 100000,
        cassandra, extraJvmArgs);
    node.launch();
    return node;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + apiPort + "/v1";
  }

  /** The Neutron v2.0 listener's root (what the OpenStack client takes as its endpoint). */
  String neutronUrl() {
    return "http://127.0.0.1:" + neutronPort;
  }

  long pid() {
    return process.pid();
  }

  void launch() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms128m", "-Xmx512m",
        "-Dpekko.persistence.cassandra.journal.keyspace=" + keyspace,
        "-Dpekko.persistence.cassandra.snapshot.keyspace=" + keyspace + "_snapshot",
        "-Dpekko.coordinated-shutdown.exit-jvm=on"));
    command.addAll(NodeJvm.REQUIRED_OPTIONS);
    command.addAll(extraJvmArgs);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tenet.node.TenetNode"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("node.log").toFile());
    builder.environment().put("TENET_HOME", home.toString());
    builder.environment().put("TENET_ADMIN_TOKEN", ADMIN_TOKEN);
    builder.environment().put("TENET_CASSANDRA_MODE", "external");
    builder.environment().put("TENET_CASSANDRA_CONTACT_POINTS", cassandra);
    builder.environment().put("TENET_API_PORT", Integer.toString(apiPort));
    builder.environment().put("TENET_REMOTE_PORT", Integer.toString(remotePort));
    builder.environment().put("TENET_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.environment().put("TENET_NEUTRON_PORT", Integer.toString(neutronPort));
    int[] switchPorts = FreePorts.take(2); // no hypervisor connects in these tests: any free pair
    builder.environment().put("TENET_SWITCH_LISTEN_HOST", "127.0.0.1");
    builder.environment().put("TENET_OPENFLOW_PORT", Integer.toString(switchPorts[0]));
    builder.environment().put("TENET_OVSDB_PORT", Integer.toString(switchPorts[1]));
    process = builder.start();
    awaitHealthy(Duration.ofSeconds(90));
  }

  void awaitHealthy(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("node exited with " + process.exitValue() + "; log:\n" + logTail());
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("node not healthy after " + timeout + "; log:\n" + logTail());
  }

  /** SIGKILL: no shutdown hooks, no flush, exactly what a crash does. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(home.resolve("node.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) killHard();
    }
    deleteTree(home);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
