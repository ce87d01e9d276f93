package io.tenet.bench;

import io.tenet.persistence.cassandra.LocalCassandra;
import io.tenet.persistence.cassandra.LocalCassandraSettings;
import io.tenet.persistence.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A throwaway single-node Tenet for the benchmark: its own Cassandra JVM and one controller node JVM,
 * both under one temporary directory, on free loopback ports. {@link #close()} stops both (the node by
 * SIGTERM, then SIGKILL) and deletes the directory; it is idempotent and safe from a shutdown hook.
 */
public final class LocalStack implements AutoCloseable {
  static final String CASSANDRA_HEAP_MIN = "256m";
  static final String CASSANDRA_HEAP_MAX = "512m";
  static final List<String> NODE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g");
  private static final Duration CASSANDRA_START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration NODE_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path root;
  private final LocalCassandraSettings cassandraSettings;
  private final Path nodeHome;
  private final int apiPort;
  private final int remotePort;
  private final int managementPort;
  private final int openflowPort;
  private final int ovsdbPort;
  private volatile String switchListenHost = "127.0.0.1";
  private final String adminToken;
  private volatile LocalCassandra cassandra;
  private volatile Process node;
  private boolean closed;

  private LocalStack(Path root) {
    this.root = root;
    int[] ports = FreePorts.take(7);
    this.cassandraSettings = LocalCassandraSettings.defaults(root.resolve("cassandra"))
        .withPorts(ports[0], ports[1], LocalCassandraSettings.JMX_DISABLED)
        .withHeap(CASSANDRA_HEAP_MIN, CASSANDRA_HEAP_MAX)
        .withStartTimeout(CASSANDRA_START_TIMEOUT);
    this.nodeHome = root.resolve("node");
    this.apiPort = ports[2];
    this.remotePort = ports[3];
    this.managementPort = ports[4];
    this.openflowPort = ports[5];
    this.ovsdbPort = ports[6];
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.adminToken = "adm.bench-" + HexFormat.of().formatHex(random);
  }

  /** A new, not yet started stack in a fresh temporary directory. */
  public static LocalStack create() throws IOException {
    return new LocalStack(Files.createTempDirectory("tenet-bench-"));
  }

  public URI apiBase() {
    return URI.create("http://127.0.0.1:" + apiPort + "/v1");
  }

  public String adminToken() {
    return adminToken;
  }

  String cassandraVersion() {
    LocalCassandra c = cassandra;
    return c == null ? null : c.releaseVersion();
  }

  /** Where the benchmark's Cassandra answers CQL; only after {@link #start}. */
  InetSocketAddress cassandraAddress() {
    return cassandra.contactPoint();
  }

  public OptionalLong nodePid() {
    Process p = node;
    return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
  }

  OptionalLong cassandraPid() {
    LocalCassandra c = cassandra;
    return c == null ? OptionalLong.empty() : OptionalLong.of(c.pid());
  }

  /** Where the node accepts OpenFlow and OVSDB connections (before {@link #start}): e.g. a lab's management address. */
  public LocalStack listenForSwitchesOn(String host) {
    switchListenHost = host;
    return this;
  }

  public int openflowPort() {
    return openflowPort;
  }

  public int ovsdbPort() {
    return ovsdbPort;
  }

  /** kill -9 of the node: no shutdown, no goodbye to the switches, exactly a crash. */
  public void killNode() throws InterruptedException {
    Process p = node;
    if (p == null) return;
    log("killing node pid " + p.pid() + " (SIGKILL)");
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts the node again on the same ports, data and Cassandra; returns once it is healthy. */
  public void restartNode(BenchmarkApi api) throws Exception {
    long begin = System.nanoTime();
    startNode();
    awaitHealthy(api);
    log("node restarted (pid " + node.pid() + "), healthy after " + secondsSince(begin) + " s");
  }

  /** Starts Cassandra, then the node, and returns once the node's health says it accepts writes. */
  public void start(BenchmarkApi api) throws Exception {
    Files.createDirectories(cassandraSettings.home());
    Files.createDirectories(nodeHome);
    log("starting Cassandra (heap " + CASSANDRA_HEAP_MIN + "/" + CASSANDRA_HEAP_MAX + ") on 127.0.0.1:" + cassandraSettings.cqlPort());
    long begin = System.nanoTime();
    cassandra = LocalCassandra.start(cassandraSettings);
    log("Cassandra " + cassandra.releaseVersion() + " answers after " + secondsSince(begin) + " s (pid " + cassandra.pid() + ")");
    begin = System.nanoTime();
    startNode();
    log("node started (pid " + node.pid() + "), waiting for " + api.base() + "/health");
    awaitHealthy(api);
    log("node healthy after " + secondsSince(begin) + " s");
  }

  private void startNode() throws IOException {
    List<String> command = Stream.of(
        Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        NODE_JVM_OPTIONS.stream(),
        Stream.of("-cp", System.getProperty("java.class.path"), "io.tenet.node.TenetNode")).flatMap(s -> s).toList();
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(nodeHome.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeLog().toFile())); // a restarted node continues the same log
    builder.environment().put("TENET_HOME", nodeHome.toString());
    builder.environment().put("TENET_ADMIN_TOKEN", adminToken);
    builder.environment().put("TENET_CASSANDRA_MODE", "external");
    builder.environment().put("TENET_CASSANDRA_CONTACT_POINTS", cassandraSettings.listenHost() + ":" + cassandraSettings.cqlPort());
    builder.environment().put("TENET_API_HOST", "127.0.0.1");
    builder.environment().put("TENET_API_PORT", Integer.toString(apiPort));
    builder.environment().put("TENET_REMOTE_HOST", "127.0.0.1");
    builder.environment().put("TENET_REMOTE_PORT", Integer.toString(remotePort));
    builder.environment().put("TENET_MANAGEMENT_HOST", "127.0.0.1");
    builder.environment().put("TENET_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.environment().put("TENET_SWITCH_LISTEN_HOST", switchListenHost);
    builder.environment().put("TENET_OPENFLOW_PORT", Integer.toString(openflowPort));
    builder.environment().put("TENET_OVSDB_PORT", Integer.toString(ovsdbPort));
    builder.environment().remove("TENET_SEEDS"); // always a cluster of one
    node = builder.start();
    node.getOutputStream().close();
  }

  private void awaitHealthy(BenchmarkApi api) throws Exception {
    long deadline = System.nanoTime() + NODE_START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) throw new IllegalStateException("node exited with " + node.exitValue() + "; last lines of its log:\n" + nodeLogTail());
      try {
        BenchmarkApi.Answer health = api.health();
        if (health.status() == 200) return;
        last = health.status() + " " + health.body();
      } catch (IOException notListeningYet) {
        last = notListeningYet.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("node not healthy after " + NODE_START_TIMEOUT.toSeconds() + " s (last: " + last
        + "); last lines of its log:\n" + nodeLogTail());
  }

  public Path nodeLog() {
    return nodeHome.resolve("node.log");
  }

  public String nodeLogTail() {
    return tail(nodeLog(), 40);
  }

  String cassandraLogTail() {
    return tail(cassandraSettings.outFile(), 20);
  }

  /** Stops the node, then Cassandra, then deletes the directory. Every step runs even if one before failed. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    stopNode();
    stopCassandra();
    deleteRoot();
  }

  private void stopNode() {
    Process p = node;
    if (p == null || !p.isAlive()) return;
    try {
      log("stopping node pid " + p.pid() + " (SIGTERM)");
      p.destroy();
      if (!p.waitFor(NODE_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        log("node pid " + p.pid() + " ignored SIGTERM for " + NODE_STOP_TIMEOUT.toSeconds() + " s; SIGKILL");
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void stopCassandra() {
    try {
      LocalCassandra c = cassandra;
      if (c != null) {
        log("stopping Cassandra pid " + c.pid());
        c.stop();
        return;
      }
      // interrupted while starting: the process may run without us holding it; its pid file names it
      Optional<ProcessHandle> orphan = LocalCassandra.findRunning(cassandraSettings);
      if (orphan.isPresent()) {
        ProcessHandle p = orphan.get();
        log("stopping half-started Cassandra pid " + p.pid());
        p.destroy();
        try {
          p.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
          p.destroyForcibly();
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    } catch (RuntimeException e) {
      log("could not stop Cassandra cleanly: " + e);
    }
  }

  private void deleteRoot() {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          log("cannot delete " + path + ": " + e.getMessage());
        }
      });
    } catch (IOException | RuntimeException e) {
      log("cannot delete " + root + ": " + e);
    }
  }

  private static String tail(Path file, int lines) {
    Deque<String> tail = new ArrayDeque<>();
    try (Stream<String> all = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      all.forEach(line -> {
        tail.addLast(line);
        if (tail.size() > lines) tail.removeFirst();
      });
    } catch (IOException | RuntimeException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
    return String.join("\n", tail);
  }

  private static String secondsSince(long nanoTime) {
    return String.format("%.1f", (System.nanoTime() - nanoTime) / 1e9);
  }

  private static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
