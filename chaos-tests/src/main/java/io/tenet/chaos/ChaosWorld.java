package io.tenet.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalNode;
import io.tenet.bench.LocalStack;
import io.tenet.bench.NodeHost;
import io.tenet.lab.Await;
import io.tenet.lab.ControllerHost;
import io.tenet.lab.OvsLab;
import io.tenet.lab.Vm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What every fault-injection scenario runs against: a Cassandra, a cluster of controller nodes,
 * each in its own namespace on the lab's management network (like separate VMs, so that one can
 * be cut off), a lab of hypervisors handed to all of them, one tenant network with one VM per
 * hypervisor. Scenarios break it and must leave it whole again (every node up and reachable,
 * every datapath converged).
 */
public final class ChaosWorld implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration CONVERGE = Duration.ofSeconds(90);
  private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final OvsLab lab;
  private final LocalStack stack;
  private final String tenantToken;
  private final String networkId;
  private final List<Vm> vms;
  private final List<ControllerHost> controllerHosts;
  private final Set<LocalNode> isolated = ConcurrentHashMap.newKeySet();
  private final Thread stackCleanup;

  private ChaosWorld(OvsLab lab, LocalStack stack, Thread stackCleanup, List<ControllerHost> controllerHosts, String tenantToken, String networkId,
      List<Vm> vms) {
    this.lab = lab;
    this.stack = stack;
    this.stackCleanup = stackCleanup;
    this.controllerHosts = List.copyOf(controllerHosts);
    this.tenantToken = tenantToken;
    this.networkId = networkId;
    this.vms = List.copyOf(vms);
  }

  public static ChaosWorld start(int nodes, int hypervisors) throws Exception {
    OvsLab lab = OvsLab.start(hypervisors);
    LocalStack stack = null;
    Thread stackCleanup = null;
    try {
      List<ControllerHost> hosts = new ArrayList<>();
      for (int i = 0; i < nodes; i++) hosts.add(lab.addControllerHost());
      // Cassandra stays in the root namespace, on the bridge address every controller host reaches
      stack = LocalStack.create(nodes).onHosts(hosts.stream().map(h -> NodeHost.inNamespace(h.namespace(), h.address())).toList(),
          lab.controllerAddress());
      // Ctrl-C or kill of a run: the lab removes its namespaces (and the nodes in them) itself, but
      // Cassandra runs in the root namespace and must be stopped too
      LocalStack created = stack;
      stackCleanup = new Thread(created::close, "chaos-stack-cleanup");
      Runtime.getRuntime().addShutdownHook(stackCleanup);
      stack.start(new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30)));
      lab.connectTo(stack.ovsdbManagerTargets());
      BenchmarkApi api = api(stack.node(0));
      String token = api.createTenant(stack.adminToken(), "chaos");
      String network = api.createNetwork(token, "chaos", "10.0.0.0/24");
      List<Vm> vms = new ArrayList<>();
      for (int hv = 1; hv <= hypervisors; hv++) {
        BenchmarkApi.Answer port = api.post("/ports", token, JSON.createObjectNode().put("network_id", network).put("name", "vm" + hv).toString());
        if (port.status() != 201) throw new IllegalStateException("POST /ports: " + port.status() + " " + port.body());
        JsonNode p = port.json();
        vms.add(lab.hypervisor(hv).plugVm("vm" + hv, p.path("mac_address").asText(), p.path("id").asText(),
            p.path("fixed_ips").get(0).path("ip_address").asText() + "/24"));
      }
      ChaosWorld world = new ChaosWorld(lab, stack, stackCleanup, hosts, token, network, vms);
      world.awaitConverged(Optional.empty());
      return world;
    } catch (Exception | Error e) {
      try {
        forget(stackCleanup);
        if (stack != null) stack.close();
      } finally {
        lab.close();
      }
      throw e;
    }
  }

  public OvsLab lab() {
    return lab;
  }

  public LocalStack stack() {
    return stack;
  }

  public String tenantToken() {
    return tenantToken;
  }

  public String networkId() {
    return networkId;
  }

  public List<Vm> vms() {
    return vms;
  }

  static BenchmarkApi api(LocalNode node) {
    return new BenchmarkApi(node.apiBase(), Duration.ofSeconds(15));
  }

  /** The nodes that run and can be reached (not cut off by {@link #isolate}): where clients send requests. */
  public List<LocalNode> liveNodes() {
    return stack.nodes().stream().filter(LocalNode::isAlive).filter(n -> !isolated.contains(n)).toList();
  }

  /** Cuts a node off the network: the other nodes, Cassandra, the hypervisors and the clients. */
  public void isolate(LocalNode node) {
    isolated.add(node);
    lab.isolate(controllerHosts.get(node.index()));
  }

  /** Heals {@link #isolate}. */
  public void reconnect(LocalNode node) {
    lab.reconnect(controllerHosts.get(node.index()));
    isolated.remove(node);
  }

  /** Cuts a node off the other nodes only: the hypervisors, Cassandra and clients still reach it. Clients stop using it, as a balancer would. */
  public void separate(LocalNode node) {
    isolated.add(node);
    lab.separate(controllerHosts.get(node.index()), peerHosts(node));
  }

  /** Heals {@link #separate}. */
  public void unseparate(LocalNode node) {
    lab.unseparate(controllerHosts.get(node.index()), peerHosts(node));
    isolated.remove(node);
  }

  private List<ControllerHost> peerHosts(LocalNode node) {
    return stack.nodes().stream().filter(other -> other != node).map(other -> controllerHosts.get(other.index())).toList();
  }

  /** The datapaths as a live node sees them. */
  public JsonNode datapaths() throws Exception {
    for (LocalNode node : liveNodes()) {
      try {
        BenchmarkApi.Answer answer = api(node).get("/datapaths", stack.adminToken());
        if (answer.status() == 200) return answer.json().path("datapaths");
      } catch (IOException unreachable) {
        // the next live node
      }
    }
    throw new IllegalStateException("no live node lists the datapaths");
  }

  /** The node (cluster address) mastering most datapaths. */
  public LocalNode masterOfMost() throws Exception {
    Map<String, Integer> mastered = new HashMap<>();
    for (JsonNode dp : datapaths()) mastered.merge(dp.path("node").asText(), 1, Integer::sum);
    String address = mastered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    return stack.nodes().stream().filter(n -> n.clusterAddress().equals(address)).findFirst().orElseThrow();
  }

  /** Ids of the datapaths a node masters. */
  public List<String> datapathsOf(LocalNode node) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode dp : datapaths()) if (dp.path("node").asText().equals(node.clusterAddress())) ids.add(dp.path("datapath_id").asText());
    return ids;
  }

  /** Every datapath is master and converged, none on {@code notOn}. */
  public void awaitConverged(Optional<LocalNode> notOn) throws Exception {
    Await.until(CONVERGE, () -> {
      try {
        JsonNode all = datapaths();
        if (all.size() != lab.hypervisors().size()) return false;
        for (JsonNode dp : all) {
          if (!"master".equals(dp.path("role").asText()) || !dp.path("converged").asBoolean()) return false;
          if (notOn.isPresent() && notOn.get().clusterAddress().equals(dp.path("node").asText())) return false;
        }
        return true;
      } catch (Exception notYet) {
        return false;
      }
    }, "the datapaths did not converge" + notOn.map(n -> " away from node " + n.index()).orElse(""));
  }

  private static void forget(Thread shutdownHook) {
    if (shutdownHook == null) return;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it closes the stack itself
    }
  }

  /** Now, UTC, as the lost-ping runs and the nodes' logs print it, to line them up. */
  static String wallClock() {
    return WALL_CLOCK.format(Instant.now());
  }

  /** Seconds from {@code start} to the first line after it, in any node's log, that contains {@code text}; empty if none. */
  public Optional<Double> secondsUntilLogged(LocalTime start, String text) {
    return secondsUntilLogged(start, text, node -> true);
  }

  /** As {@link #secondsUntilLogged(LocalTime, String)}, in the logs of the nodes {@code which} accepts. */
  public Optional<Double> secondsUntilLogged(LocalTime start, String text, Predicate<LocalNode> which) {
    double first = Double.MAX_VALUE;
    for (String line : linesLogged(text, which)) {
      LocalTime at = timeOf(line); // null: a continuation line
      if (at == null) continue;
      double seconds = Duration.between(start, at).toMillis() / 1000.0;
      if (seconds >= 0) first = Math.min(first, seconds);
    }
    return first == Double.MAX_VALUE ? Optional.empty() : Optional.of(first);
  }

  /** Of {@code datapaths}, those whose last mastership before {@code time}, in all the nodes' logs, was taken on {@code node}. */
  public List<String> datapathsMasteredAt(LocalNode node, LocalTime time, List<String> datapaths) {
    List<String> mastered = new ArrayList<>();
    for (String id : datapaths) {
      LocalTime latest = null;
      LocalNode where = null;
      for (LocalNode candidate : stack.nodes()) {
        for (String line : linesLogged("datapath " + id + ": master with term", n -> n == candidate)) {
          LocalTime at = timeOf(line);
          if (at != null && at.isBefore(time) && (latest == null || at.isAfter(latest))) {
            latest = at;
            where = candidate;
          }
        }
      }
      if (where == node) mastered.add(id);
    }
    return mastered;
  }

  private static LocalTime timeOf(String line) {
    if (line.length() < 12) return null;
    try {
      return LocalTime.parse(line.substring(0, 12));
    } catch (DateTimeParseException notATimestamp) {
      return null;
    }
  }

  /**
   * Every line of every node's log that contains {@code text} (each starts with its time). Read as ISO-8859-1: any byte decodes, so a stray non-UTF-8 byte in one line
   * cannot hide a whole log.
   */
  public List<String> linesLogged(String text) {
    return linesLogged(text, node -> true);
  }

  private List<String> linesLogged(String text, Predicate<LocalNode> which) {
    List<String> found = new ArrayList<>();
    for (LocalNode node : stack.nodes()) {
      if (!which.test(node)) continue;
      try (Stream<String> lines = Files.lines(node.log(), StandardCharsets.ISO_8859_1)) {
        lines.filter(line -> line.contains(text)).forEach(found::add);
      } catch (IOException | UncheckedIOException noLog) {
        // a node that never started has no log
      }
    }
    return found;
  }

  /** Copies every node's log to {@code directory} as {@code node<k>.log}, so a run can be read after its world is gone. */
  public void saveLogs(Path directory) {
    for (LocalNode node : stack.nodes()) {
      try {
        Files.createDirectories(directory);
        if (Files.exists(node.log())) Files.copy(node.log(), directory.resolve("node" + node.index() + ".log"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        System.err.println("[chaos] cannot keep the log of node " + node.index() + ": " + e);
      }
    }
  }

  @Override
  public void close() {
    try {
      forget(stackCleanup);
      stack.close();
    } finally {
      lab.close();
    }
  }
}
