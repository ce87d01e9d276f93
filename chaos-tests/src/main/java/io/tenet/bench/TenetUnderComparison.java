package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.lab.OvsLab;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tenet in the side-by-side benchmark: one node with its own Cassandra; ports through the API, which picks MAC and address. */
final class TenetUnderComparison implements ComparedSystem {
  private static final long CAUGHT_UP_POLL_MS = 50;
  private final LocalStack stack;
  private final BenchmarkApi api;
  private final String token;
  private final int hypervisors;

  private TenetUnderComparison(LocalStack stack, BenchmarkApi api, String token, int hypervisors) {
    this.stack = stack;
    this.api = api;
    this.token = token;
    this.hypervisors = hypervisors;
  }

  /** Starts the node and hands it every hypervisor of {@code lab}. */
  static TenetUnderComparison start(OvsLab lab) throws Exception {
    LocalStack stack = LocalStack.create().listenForSwitchesOn(lab.controllerAddress());
    try {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      return new TenetUnderComparison(stack, api, api.createTenant(stack.adminToken(), "compare"), lab.hypervisors().size());
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "tenet";
  }

  @Override
  public String createNetwork(String name, String subnetPrefix) throws Exception {
    return api.createNetwork(token, name, subnetPrefix + ".0/24");
  }

  @Override
  public NewPort createPort(String network, String name) throws Exception {
    String body = SideBySideBenchmark.JSON.createObjectNode().put("network_id", network).put("name", name).toString();
    BenchmarkApi.Answer created = api.post("/ports", token, body);
    if (created.status() != 201) throw new IllegalStateException("POST /ports answered " + created.status() + ": " + created.body());
    JsonNode port = created.json();
    return new NewPort(port.path("id").asText(), port.path("mac_address").asText(), port.path("fixed_ips").get(0).path("ip_address").asText());
  }

  @Override
  public void killController() throws InterruptedException {
    stack.killNode();
  }

  @Override
  public void startController() throws Exception {
    stack.restartNode(0);
  }

  @Override
  public void awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (FleetStatus.ready(api, stack) < hypervisors) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("tenet: not every datapath converged within " + timeout.toSeconds() + " s: " + FleetStatus.notReady(api, stack));
      }
      Thread.sleep(CAUGHT_UP_POLL_MS);
    }
  }

  @Override
  public Map<String, Long> controllerPids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    stack.nodePid().ifPresent(pid -> pids.put("tenet-node", pid));
    stack.cassandraPid().ifPresent(pid -> pids.put("cassandra", pid));
    return pids;
  }

  @Override
  public void close() {
    stack.close();
  }
}
