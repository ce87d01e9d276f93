package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.persistence.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a user runs it: {@code deploy/bin/tenet-dev} starts Cassandra and
 * a node, a second {@code up} finds the data again, and both {@code down} and Ctrl-C leave no
 * process behind. The time to a healthy node is written to target/tenet-dev-startup.txt.
 */
class TenetDevIT {
  private static final Path SCRIPT = Path.of(System.getProperty("tenet.repo.root", "..")).resolve("deploy/bin/tenet-dev").toAbsolutePath().normalize();

  private Path home;
  private Map<String, String> env;
  private int apiPort;
  private final List<Long> pidsToKill = new ArrayList<>();

  @BeforeEach
  void freshHome() throws IOException {
    home = Files.createTempDirectory("tenet-dev-it");
    int[] ports = FreePorts.take(8);
    apiPort = ports[0];
    env = Map.of(
        "TENET_HOME", home.toString(),
        "TENET_API_PORT", Integer.toString(ports[0]),
        "TENET_REMOTE_PORT", Integer.toString(ports[1]),
        "TENET_MANAGEMENT_PORT", Integer.toString(ports[2]),
        "TENET_CASSANDRA_PORT", Integer.toString(ports[3]),
        "TENET_CASSANDRA_STORAGE_PORT", Integer.toString(ports[4]),
        "TENET_OPENFLOW_PORT", Integer.toString(ports[5]),
        "TENET_OVSDB_PORT", Integer.toString(ports[6]),
        "TENET_NEUTRON_PORT", Integer.toString(ports[7]),
        "TENET_DEV_SKIP_BUILD", "1");
  }

  @AfterEach
  void leaveNothingRunning() throws Exception {
    run(Duration.ofSeconds(90), "down");
    for (long pid : pidsToKill) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    for (long pid : pidsToKill) ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
    NodeProcess.deleteTree(home);
  }

  /**
   * {@code up -d}, {@code down}, then {@code up} in the foreground: it finds the data of the first
   * run, and Ctrl-C stops the node and its Cassandra. (One test: every start of Cassandra costs
   * about 20 s of the suite.)
   */
  @Test
  void upDownAndUpInTheForegroundKeepsTheDataAndCtrlCStopsEverything() throws Exception {
    Instant started = Instant.now();
    Result up = run(Duration.ofSeconds(240), "up", "-d");
    Duration toHealthy = Duration.between(started, Instant.now());
    assertEquals(0, up.exit(), up.output());
    assertTrue(up.output().contains("Tenet is up"), up.output());
    assertTrue(up.output().contains("http://127.0.0.1:" + apiPort + "/v1"), "prints where the API is: " + up.output());
    String adminToken = Files.readString(home.resolve("admin-token")).trim();
    assertTrue(up.output().contains(adminToken), "prints the admin token: " + up.output());
    Files.writeString(Path.of("target", "tenet-dev-startup.txt"), "tenet-dev up -d to healthy: " + toHealthy.toMillis() + " ms (fresh TENET_HOME)\n");

    long nodePid = Long.parseLong(Files.readString(home.resolve("node.pid")).trim());
    long cassandraPid = Long.parseLong(Files.readString(home.resolve("cassandra/cassandra.pid")).trim());
    pidsToKill.addAll(List.of(nodePid, cassandraPid));
    assertEquals(0, run(Duration.ofSeconds(30), "status").exit());

    ApiClient admin = new ApiClient("http://127.0.0.1:" + apiPort + "/v1", adminToken);
    String tenant = admin.post("/tenants", "{\"name\":\"kept\"}").json().at("/tenant/id").asText();

    Result down = run(Duration.ofSeconds(90), "down");
    assertEquals(0, down.exit(), down.output());
    assertGone(nodePid);
    assertGone(cassandraPid);
    assertEquals(3, run(Duration.ofSeconds(30), "status").exit(), "status says not running");

    Process script = start("up");
    pidsToKill.add(script.pid());
    StringBuilder output = new StringBuilder();
    BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    String line;
    while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
      output.append(line).append('\n');
      if (line.contains("Ctrl-C stops")) break;
    }
    assertTrue(output.toString().contains("Tenet is up"), output.toString());
    long againNodePid = Long.parseLong(Files.readString(home.resolve("node.pid")).trim());
    long againCassandraPid = Long.parseLong(Files.readString(home.resolve("cassandra/cassandra.pid")).trim());
    pidsToKill.addAll(List.of(againNodePid, againCassandraPid));
    assertEquals(200, admin.get("/tenants/" + tenant).status(), "a second up finds its old data");

    new ProcessBuilder("kill", "-INT", Long.toString(script.pid())).start().waitFor(10, TimeUnit.SECONDS); // what Ctrl-C sends
    // what the node prints while it stops is the evidence when it does not
    StringBuffer afterCtrlC = new StringBuffer();
    Thread drain = new Thread(() -> lines.lines().forEach(printed -> afterCtrlC.append(printed).append('\n')));
    drain.start();
    assertTrue(script.waitFor(90, TimeUnit.SECONDS), () -> "tenet-dev up returns after Ctrl-C; it printed since:\n" + tail(afterCtrlC.toString(), 60));
    assertGone(againNodePid);
    assertGone(againCassandraPid);
  }

  private static String tail(String text, int lineCount) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lineCount), all.size()));
  }

  /** up --nodes 3: one Cassandra, three nodes in one cluster sharing the admin token; down stops them all, Cassandra's owner last. */
  @Test
  void upWithThreeNodesFormsOneClusterAndDownStopsThemAll() throws Exception {
    Map<String, String> cluster = new java.util.HashMap<>(env);
    int[] bases = freeRuns(6, 3);
    cluster.put("TENET_API_PORT", Integer.toString(bases[0]));
    cluster.put("TENET_REMOTE_PORT", Integer.toString(bases[1]));
    cluster.put("TENET_MANAGEMENT_PORT", Integer.toString(bases[2]));
    cluster.put("TENET_OPENFLOW_PORT", Integer.toString(bases[3]));
    cluster.put("TENET_OVSDB_PORT", Integer.toString(bases[4]));
    cluster.put("TENET_NEUTRON_PORT", Integer.toString(bases[5]));
    env = Map.copyOf(cluster);
    Result up = run(Duration.ofSeconds(300), "up", "--nodes", "3");
    List<Long> nodePids = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      Path pidFile = home.resolve("node" + k).resolve("node.pid");
      if (Files.exists(pidFile)) nodePids.add(Long.parseLong(Files.readString(pidFile).trim()));
    }
    pidsToKill.addAll(nodePids);
    Path cassandraPidFile = home.resolve("node1/cassandra/cassandra.pid");
    if (Files.exists(cassandraPidFile)) pidsToKill.add(Long.parseLong(Files.readString(cassandraPidFile).trim()));
    assertEquals(0, up.exit(), up.output());
    assertTrue(up.output().contains("cluster of 3 nodes is up"), up.output());
    assertEquals(3, nodePids.size());

    String adminToken = Files.readString(home.resolve("admin-token")).trim();
    var members = new ApiClient("http://127.0.0.1:" + bases[2], adminToken).get("/cluster/members").json().path("members");
    Map<String, String> status = new java.util.HashMap<>();
    members.forEach(m -> status.put(m.path("node").asText(), m.path("status").asText()));
    for (int k = 0; k < 3; k++) assertEquals("Up", status.get("pekko://tenet@127.0.0.1:" + (bases[1] + k)), "node " + (k + 1) + ": " + members);
    // one cluster, one admin: written on node 1, read on node 3
    String tenant = new ApiClient("http://127.0.0.1:" + bases[0] + "/v1", adminToken).post("/tenants", "{\"name\":\"everywhere\"}").json().at("/tenant/id").asText();
    assertEquals(200, new ApiClient("http://127.0.0.1:" + (bases[0] + 2) + "/v1", adminToken).get("/tenants/" + tenant).status());
    assertEquals(0, run(Duration.ofSeconds(30), "status").exit());

    Result down = run(Duration.ofSeconds(180), "down");
    assertEquals(0, down.exit(), down.output());
    for (long pid : pidsToKill) assertGone(pid);
  }

  /** {@code count} port numbers p such that p, p+1, ..., p+span-1 are all free on loopback. */
  private static int[] freeRuns(int count, int span) throws IOException {
    int[] bases = new int[count];
    java.util.Random random = new java.util.Random();
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (int found = 0; found < count; ) {
      int base = 20_000 + random.nextInt(12_000); // below the ephemeral range, like FreePorts
      boolean free = true;
      for (int p = base; p < base + span && free; p++) {
        if (taken.contains(p)) free = false;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
          socket.setReuseAddress(true);
        } catch (IOException inUse) {
          free = false;
        }
      }
      if (!free) continue;
      for (int p = base; p < base + span; p++) taken.add(p);
      bases[found++] = base;
    }
    return bases;
  }

  private static void assertGone(long pid) throws InterruptedException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) process.get().onExit().toCompletableFuture().completeOnTimeout(null, 60, TimeUnit.SECONDS).join();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still runs");
  }

  private record Result(int exit, String output) {}

  private Result run(Duration timeout, String... args) throws Exception {
    Process process = start(args);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, output);
    }
    return new Result(process.exitValue(), output);
  }

  private Process start(String... args) throws IOException {
    // as from a terminal: a test run started in the background inherits SIGINT ignored, and a
    // shell that starts with a signal ignored cannot trap it, so Ctrl-C would never arrive
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }
}
