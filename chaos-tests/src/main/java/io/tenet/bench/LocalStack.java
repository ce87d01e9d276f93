package io.tenet.bench;

import io.tenet.persistence.cassandra.LocalCassandra;
import io.tenet.persistence.cassandra.LocalCassandraSettings;
import io.tenet.persistence.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A throwaway Tenet: its own Cassandra JVM and one or more controller node JVMs ({@link LocalNode})
 * forming one cluster, all under one temporary directory, on free loopback ports. Every node
 * lists every node's OpenFlow target, so a hypervisor handed to all of them gets all of them as
 * controllers. {@link #close()} stops the nodes (SIGTERM, then SIGKILL) and Cassandra and deletes
 * the directory; it is idempotent and safe from a shutdown hook.
 *
 * <p>A stack made by {@link #onSharedCassandra} uses a Cassandra that outlives it instead, in
 * keyspaces of its own, and leaves that Cassandra running when it closes.
 */
public final class LocalStack implements AutoCloseable {
  static final String CASSANDRA_HEAP_MIN = "256m";
  static final String CASSANDRA_HEAP_MAX = "512m";
  private static final Duration CASSANDRA_START_TIMEOUT = Duration.ofSeconds(180);

  private final Path root;
  /** Present when the stack borrows a running Cassandra rather than starting its own. */
  private final Optional<LocalCassandra> sharedCassandra;
  /** {@code -D} settings for every node: on a shared Cassandra, the keyspaces that keep this stack's data apart. */
  private final List<String> nodeJvmOptions;
  private volatile LocalCassandraSettings cassandraSettings;
  private final List<LocalNode> nodes;
  private volatile String switchListenHost = "127.0.0.1";
  private final Map<String, String> settings = new java.util.concurrent.ConcurrentHashMap<>();
  private final String adminToken;
  private volatile LocalCassandra cassandra;
  private boolean closed;
  /** Stops what the stack started when its JVM is told to stop (SIGTERM, Ctrl-C) before {@link #close}. */
  private final Thread closeOnExit = new Thread(this::close, "tenet-bench-stack-close");

  private LocalStack(Path root, int nodeCount, Optional<LocalCassandra> sharedCassandra) {
    this.root = root;
    this.sharedCassandra = sharedCassandra;
    this.cassandraSettings = sharedCassandra.map(LocalCassandra::settings).orElseGet(() -> ownCassandraSettings(root.resolve("cassandra")));
    this.nodeJvmOptions = sharedCassandra.isPresent() ? keyspaceOptions("bench_" + randomHex(6)) : List.of();
    List<LocalNode> created = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) created.add(new LocalNode(i, root.resolve(nodeCount == 1 ? "node" : "node" + i)));
    this.nodes = List.copyOf(created);
    this.adminToken = "adm.bench-" + randomHex(16);
    Runtime.getRuntime().addShutdownHook(closeOnExit);
  }

  private static LocalCassandraSettings ownCassandraSettings(Path home) {
    int[] ports = FreePorts.take(2);
    return LocalCassandraSettings.defaults(home)
        .withPorts(ports[0], ports[1], LocalCassandraSettings.JMX_DISABLED)
        .withHeap(CASSANDRA_HEAP_MIN, CASSANDRA_HEAP_MAX)
        .withStartTimeout(CASSANDRA_START_TIMEOUT);
  }

  /** The journal and snapshot keyspaces (created by the first node), instead of the default ones every stack would share. */
  private static List<String> keyspaceOptions(String keyspace) {
    return List.of("-Dpekko.persistence.cassandra.journal.keyspace=" + keyspace,
        "-Dpekko.persistence.cassandra.snapshot.keyspace=" + keyspace + "_snapshot");
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Stacks of their own nodes and directory on {@code cassandra}, a running one that outlives them
   * (a test JVM's {@code SharedCassandra}), each in keyspaces of its own: no Cassandra start (~8 s)
   * and stop (~5 s) per stack. {@link #close()} leaves it running; {@link #stopCassandra} refuses.
   */
  public static StackFactory onSharedCassandra(LocalCassandra cassandra) {
    return nodeCount -> {
      if (nodeCount < 1) throw new IllegalArgumentException("at least one node");
      return new LocalStack(Files.createTempDirectory("tenet-bench-"), nodeCount, Optional.of(cassandra));
    };
  }

  /** A new, not yet started single-node stack in a fresh temporary directory. */
  public static LocalStack create() throws IOException {
    return create(1);
  }

  /** A new, not yet started cluster of {@code nodeCount} nodes (node 0 is the seed) in a fresh temporary directory. */
  public static LocalStack create(int nodeCount) throws IOException {
    if (nodeCount < 1) throw new IllegalArgumentException("at least one node");
    return new LocalStack(Files.createTempDirectory("tenet-bench-"), nodeCount, Optional.empty());
  }

  public List<LocalNode> nodes() {
    return nodes;
  }

  public LocalNode node(int index) {
    return nodes.get(index);
  }

  /** Node 0's API. */
  public URI apiBase() {
    return nodes.get(0).apiBase();
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
    return nodes.get(0).pid();
  }

  OptionalLong cassandraPid() {
    LocalCassandra c = cassandra;
    return c == null ? OptionalLong.empty() : OptionalLong.of(c.pid());
  }

  /** A node setting for every node (before {@link #start}), as its environment variable: {@code with("TENET_VERIFY_INTERVAL", "2s")}. */
  public LocalStack with(String variable, String value) {
    settings.put(variable, value);
    return this;
  }

  /** Where the nodes accept OpenFlow and OVSDB connections (before {@link #start}): e.g. a lab's management address. */
  public LocalStack listenForSwitchesOn(String host) {
    switchListenHost = host;
    return this;
  }

  /**
   * Runs each node on its own host (before {@link #start}), one per node, like separate VMs: it
   * binds every port to its host's address, switches included. Cassandra then listens on
   * {@code cassandraAddress}, which every host must reach.
   */
  public LocalStack onHosts(List<NodeHost> hosts, String cassandraAddress) {
    if (sharedCassandra.isPresent()) throw new IllegalStateException("a shared Cassandra listens where it was started");
    if (hosts.size() != nodes.size()) throw new IllegalArgumentException(nodes.size() + " nodes need as many hosts, not " + hosts.size());
    for (int i = 0; i < hosts.size(); i++) nodes.get(i).placeOn(hosts.get(i));
    cassandraSettings = cassandraSettings.withListenHost(cassandraAddress);
    return this;
  }

  /** Where a node accepts switches: its own host's address, or the stack's shared listen address on loopback nodes. */
  private String switchAddress(LocalNode node) {
    return node.host().namespace().isPresent() ? node.host().address() : switchListenHost;
  }

  /** Node 0's OpenFlow port. */
  public int openflowPort() {
    return nodes.get(0).openflowPort();
  }

  /** Node 0's OVSDB port. */
  public int ovsdbPort() {
    return nodes.get(0).ovsdbPort();
  }

  /** What a hypervisor's {@code set-manager} lists: every node's OVSDB listener. */
  public List<String> ovsdbManagerTargets() {
    return nodes.stream().map(n -> "tcp:" + switchAddress(n) + ":" + n.ovsdbPort()).toList();
  }

  /** kill -9 of node 0. */
  public void killNode() throws InterruptedException {
    nodes.get(0).kill();
  }

  /** Starts node 0 again on the same ports, data and Cassandra; returns once it is healthy. */
  public void restartNode(BenchmarkApi api) throws Exception {
    restartNode(0);
  }

  /** Starts a node again (after kill or stop) on the same ports, data and Cassandra; returns once it is healthy. */
  public void restartNode(int index) throws Exception {
    long begin = System.nanoTime();
    LocalNode node = nodes.get(index);
    node.launch(environment(index), nodeJvmOptions);
    node.awaitHealthy();
    log("node " + index + " restarted (pid " + node.pid().orElse(-1) + "), healthy after " + secondsSince(begin) + " s");
  }

  /** Starts Cassandra, then the nodes (the seed first), and returns once every node's health says it accepts writes. */
  public void start(BenchmarkApi api) throws Exception {
    if (sharedCassandra.isPresent()) {
      cassandra = sharedCassandra.get();
      log("on the shared Cassandra pid " + cassandra.pid() + " at " + cassandraSettings.listenHost() + ":" + cassandraSettings.cqlPort() + ", " + nodeJvmOptions);
    } else {
      Files.createDirectories(cassandraSettings.home());
      log("starting Cassandra (heap " + CASSANDRA_HEAP_MIN + "/" + CASSANDRA_HEAP_MAX + ") on " + cassandraSettings.listenHost() + ":" + cassandraSettings.cqlPort());
      long begin = System.nanoTime();
      cassandra = LocalCassandra.start(cassandraSettings);
      log("Cassandra " + cassandra.releaseVersion() + " answers after " + secondsSince(begin) + " s (pid " + cassandra.pid() + ")");
    }
    long begin = System.nanoTime();
    nodes.get(0).launch(environment(0), nodeJvmOptions);
    log("node started (pid " + nodes.get(0).pid().orElse(-1) + "), waiting for " + api.base() + "/health/ready");
    nodes.get(0).awaitHealthy();
    for (int i = 1; i < nodes.size(); i++) nodes.get(i).launch(environment(i), nodeJvmOptions);
    for (int i = 1; i < nodes.size(); i++) nodes.get(i).awaitHealthy();
    log((nodes.size() == 1 ? "node" : nodes.size() + " nodes") + " healthy after " + secondsSince(begin) + " s");
  }

  private Map<String, String> environment(int index) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("TENET_ADMIN_TOKEN", adminToken);
    env.put("TENET_CASSANDRA_MODE", "external");
    env.put("TENET_CASSANDRA_CONTACT_POINTS", cassandraSettings.listenHost() + ":" + cassandraSettings.cqlPort());
    env.put("TENET_SWITCH_LISTEN_HOST", switchAddress(nodes.get(index)));
    if (nodes.size() > 1) {
      // node 0 is the seed; a restarted node 0 joins the others it finds through the same list
      env.put("TENET_SEEDS", nodes.stream().map(LocalNode::seedAddress).collect(Collectors.joining(",")));
      env.put("TENET_OPENFLOW_TARGETS", nodes.stream().map(n -> "tcp:" + switchAddress(n) + ":" + n.openflowPort()).collect(Collectors.joining(",")));
    }
    return env;
  }

  /** Node 0's log. */
  public Path nodeLog() {
    return nodes.get(0).log();
  }

  public String nodeLogTail() {
    return nodes.get(0).logTail();
  }

  String cassandraLogTail() {
    return tail(cassandraSettings.outFile(), 20);
  }

  /** Stops the nodes, then Cassandra, then deletes the directory. Every step runs even if one before failed. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (Thread.currentThread() != closeOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
      } catch (IllegalStateException exiting) {
        // the JVM is already stopping; the hook finds the stack closed
      }
    }
    for (int i = nodes.size() - 1; i >= 0; i--) { // the seed last, so the others leave a cluster that still has it
      LocalNode node = nodes.get(i);
      try {
        node.stop();
      } catch (RuntimeException e) {
        log("could not stop node " + node.index() + ": " + e);
      }
    }
    if (sharedCassandra.isEmpty()) stopCassandraQuietly();
    keepNodeLogs();
    deleteRoot();
  }

  /**
   * With -Dtenet.bench.node-logs=DIR (TENET_BENCH_NODE_LOGS for deploy/bin/bench), each node's log
   * is copied to DIR/node-N.log before the stack's directory goes: the cluster's own account of a run.
   */
  private void keepNodeLogs() {
    String directory = System.getProperty("tenet.bench.node-logs", "");
    if (directory.isBlank()) return;
    for (LocalNode node : nodes) {
      try {
        Path kept = Files.createDirectories(Path.of(directory)).resolve("node-" + node.index() + ".log");
        if (Files.exists(node.log())) Files.copy(node.log(), kept, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        log("cannot keep the log of node " + node.index() + ": " + e.getMessage());
      }
    }
  }

  /** Stops Cassandra (as an outage would); the nodes keep running. */
  public void stopCassandra() {
    refuseIfShared();
    LocalCassandra c = cassandra;
    if (c == null) return;
    log("stopping Cassandra pid " + c.pid() + " (outage)");
    c.stop();
    cassandra = null;
  }

  /** Starts Cassandra again on the same data and ports, after {@link #stopCassandra}. */
  public void startCassandra() {
    refuseIfShared();
    long begin = System.nanoTime();
    cassandra = LocalCassandra.start(cassandraSettings);
    log("Cassandra back after " + secondsSince(begin) + " s (pid " + cassandra.pid() + ")");
  }

  private void refuseIfShared() {
    if (sharedCassandra.isPresent()) throw new IllegalStateException("the shared Cassandra is not this stack's to stop or start");
  }

  private void stopCassandraQuietly() {
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

  static String tail(Path file, int lines) {
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

  static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
