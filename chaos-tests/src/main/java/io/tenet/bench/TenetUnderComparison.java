package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.lab.OvsLab;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tenet in the side-by-side benchmark: one node with its own Cassandra; ports through the API, which picks MAC and address. */
final class TenetUnderComparison implements ComparedSystem {
  private final LocalStack stack;
  private final BenchmarkApi api;
  private final String token;
  private final String networkId;

  private TenetUnderComparison(LocalStack stack, BenchmarkApi api, String token, String networkId) {
    this.stack = stack;
    this.api = api;
    this.token = token;
    this.networkId = networkId;
  }

  /** Starts the node and hands it every hypervisor of {@code lab}; the network is {@code cidr}. */
  static TenetUnderComparison start(OvsLab lab, String cidr) throws Exception {
    LocalStack stack = LocalStack.create().listenForSwitchesOn(lab.controllerAddress());
    try {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      String token = api.createTenant(stack.adminToken(), "compare");
      return new TenetUnderComparison(stack, api, token, api.createNetwork(token, "compare", cidr));
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
  public NewPort createPort(String name) throws Exception {
    String body = SideBySideBenchmark.JSON.createObjectNode().put("network_id", networkId).put("name", name).toString();
    BenchmarkApi.Answer created = api.post("/ports", token, body);
    if (created.status() != 201) throw new IllegalStateException("POST /ports answered " + created.status() + ": " + created.body());
    JsonNode port = created.json();
    return new NewPort(port.path("id").asText(), port.path("mac_address").asText(), port.path("fixed_ips").get(0).path("ip_address").asText());
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
