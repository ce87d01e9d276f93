package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalStack;
import io.tenet.lab.Await;
import io.tenet.lab.OvsLab;
import io.tenet.lab.Vm;
import io.tenet.persistence.testing.SharedCassandra;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data-plane tests' world: a lab of hypervisors handed to one controller node (on the test
 * JVM's one Cassandra, in keyspaces of its own), and two tenants, A and B, each with one network on the same 10.0.0.0/24 (DNS
 * 10.0.0.53, a host route to 192.168.50.0/24). Ports are created and VMs plugged by name
 * ("a1", "b2", ...); {@link #close()} removes everything, also after a failed start.
 */
final class TwoTenantLab implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration CONVERGE = Duration.ofSeconds(30);

  final OvsLab lab;
  final LocalStack stack;
  final BenchmarkApi api;
  private final Map<String, JsonNode> ports = new LinkedHashMap<>();
  private final Map<String, Vm> vms = new LinkedHashMap<>();
  private String tokenA;
  private String tokenB;
  private String networkA;
  private String networkB;

  private TwoTenantLab(OvsLab lab, LocalStack stack, BenchmarkApi api) {
    this.lab = lab;
    this.stack = stack;
    this.api = api;
  }

  static TwoTenantLab start(int hypervisors) throws Exception {
    return start(hypervisors, Map.of());
  }

  /** {@code settings}: node settings as environment variables, e.g. {@code TENET_VERIFY_INTERVAL}. */
  static TwoTenantLab start(int hypervisors, Map<String, String> settings) throws Exception {
    OvsLab lab = OvsLab.start(hypervisors);
    LocalStack stack = null;
    try {
      // one Cassandra for every lab of the JVM: a start and stop of its own cost each test class ~13 s
      stack = LocalStack.onSharedCassandra(SharedCassandra.instance()).create(1).listenForSwitchesOn(lab.controllerAddress());
      for (Map.Entry<String, String> setting : settings.entrySet()) stack.with(setting.getKey(), setting.getValue());
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      TwoTenantLab world = new TwoTenantLab(lab, stack, api);
      world.tokenA = api.createTenant(stack.adminToken(), "tenant-a");
      world.tokenB = api.createTenant(stack.adminToken(), "tenant-b");
      world.networkA = world.createNetwork(world.tokenA, "net-a");
      world.networkB = world.createNetwork(world.tokenB, "net-b");
      return world;
    } catch (Exception | Error failed) {
      try {
        if (stack != null) stack.close();
      } finally {
        lab.close();
      }
      throw failed;
    }
  }

  /**
   * A lab with a port and a VM for each entry of {@code placement} (port name to hypervisor,
   * 1-based), converged; closed again if any of that fails.
   */
  static TwoTenantLab startWithVms(int hypervisors, Map<String, String> settings, Map<String, Integer> placement) throws Exception {
    TwoTenantLab world = start(hypervisors, settings);
    try {
      for (String port : placement.keySet()) world.createPort(port, null, true);
      placement.forEach((port, hypervisor) -> world.plug(hypervisor, port));
      world.awaitConverged(hypervisors);
      return world;
    } catch (Exception | Error failed) {
      world.close();
      throw failed;
    }
  }

  String tokenA() {
    return tokenA;
  }

  String tokenB() {
    return tokenB;
  }

  String networkA() {
    return networkA;
  }

  String networkB() {
    return networkB;
  }

  private String createNetwork(String token, String name) throws Exception {
    return createNetwork(token, name, "10.0.0.0/24");
  }

  /** A network of the tenant whose token is given, with one subnet (DNS 10.0.0.53, a host route to 192.168.50.0/24 via 10.0.0.1). */
  String createNetwork(String token, String name, String cidr) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    ObjectNode subnet = body.putArray("subnets").addObject().put("cidr", cidr);
    subnet.putArray("dns_servers").add("10.0.0.53");
    subnet.putArray("host_routes").addObject().put("destination", "192.168.50.0/24").put("nexthop", "10.0.0.1");
    BenchmarkApi.Answer answer = api.post("/networks", token, body.toString());
    assertEquals(201, answer.status(), answer.body());
    return answer.json().path("id").asText();
  }

  /** A port named {@code name} on tenant A's network for names "a...", on B's for "b..."; {@code fixedIp} null for the next free one. */
  void createPort(String name, String fixedIp, boolean portSecurity) throws Exception {
    createPort(name, name.startsWith("a") ? networkA : networkB, fixedIp, portSecurity);
  }

  /** A port named {@code name} (its tenant by its first letter, as above) on the given network. */
  void createPort(String name, String networkId, String fixedIp, boolean portSecurity) throws Exception {
    createPort(name, networkId, fixedIp, portSecurity, (String[]) null);
  }

  /** The same in the given security groups (null: the tenant's default group). */
  void createPort(String name, String networkId, String fixedIp, boolean portSecurity, String... securityGroupIds) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("network_id", networkId).put("name", name);
    if (securityGroupIds != null) {
      ArrayNode groups = body.putArray("security_group_ids");
      for (String group : securityGroupIds) groups.add(group);
    }
    if (fixedIp != null) body.putArray("fixed_ips").addObject().put("ip_address", fixedIp);
    if (!portSecurity) body.put("port_security_enabled", false).putArray("security_group_ids");
    BenchmarkApi.Answer answer = api.post("/ports", tokenOf(name), body.toString());
    assertEquals(201, answer.status(), answer.body());
    ports.put(name, answer.json());
  }

  String tokenOf(String portName) {
    return portName.startsWith("a") ? tokenA : tokenB;
  }

  JsonNode port(String name) {
    JsonNode port = ports.get(name);
    if (port == null) throw new IllegalArgumentException("no port " + name);
    return port;
  }

  String id(String name) {
    return port(name).path("id").asText();
  }

  String ip(String name) {
    return port(name).path("fixed_ips").get(0).path("ip_address").asText();
  }

  Map<String, Vm> vms() {
    return vms;
  }

  /** A VM for the port, on hypervisor {@code hypervisor} (1-based), with the port's address configured. */
  Vm plug(int hypervisor, String name) {
    return plug(hypervisor, name, ip(name) + "/24");
  }

  /** A VM for the port with no address: it has to ask DHCP. */
  Vm plugWithoutAddress(int hypervisor, String name) {
    return plug(hypervisor, name, null);
  }

  private Vm plug(int hypervisor, String name, String cidr) {
    Vm vm = lab.hypervisor(hypervisor).plugVm(name, port(name).path("mac_address").asText(), id(name), cidr);
    vms.put(name, vm);
    return vm;
  }

  /** A router of the tenant, with an interface on each network (at the subnet's gateway address); returns its id. */
  String createRouter(String token, String name, String... networkIds) throws Exception {
    BenchmarkApi.Answer router = api.post("/routers", token, JSON.createObjectNode().put("name", name).toString());
    assertEquals(201, router.status(), router.body());
    String id = router.json().path("id").asText();
    for (String networkId : networkIds) {
      BenchmarkApi.Answer added = api.post("/routers/" + id + "/interfaces", token, JSON.createObjectNode().put("network_id", networkId).toString());
      assertTrue(added.status() == 200 || added.status() == 201, added.body());
    }
    return id;
  }

  /**
   * Replaces the router's static routes with one, {@code destination} via {@code nexthop}, and
   * answers the router once every datapath routing for it confirmed the change.
   */
  JsonNode setRoute(String routerId, String token, String destination, String nexthop) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("routes").addObject().put("destination", destination).put("nexthop", nexthop);
    BenchmarkApi.Answer answer = api.patch("/routers/" + routerId + "?wait=realized&timeout=10s", token, body.toString());
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  long vniOf(String networkId, String token) throws Exception {
    return get("/networks/" + networkId, token).path("vni").asLong();
  }

  JsonNode get(String path, String token) throws Exception {
    BenchmarkApi.Answer answer = api.get(path, token);
    assertEquals(200, answer.status(), path + ": " + answer.body());
    return answer.json();
  }

  /** Every datapath is connected, master, and has installed all it knows; every plugged port is ACTIVE. */
  void awaitConverged(int datapathCount) throws Exception {
    Await.until(CONVERGE, () -> {
      try {
        JsonNode datapaths = get("/datapaths", stack.adminToken()).path("datapaths");
        if (datapaths.size() != datapathCount) return false;
        for (JsonNode dp : datapaths) if (!dp.path("converged").asBoolean() || !"master".equals(dp.path("role").asText())) return false;
        for (Map.Entry<String, Vm> vm : vms.entrySet()) {
          if (vm.getValue().hypervisor() == null) continue;
          if (!"ACTIVE".equals(get("/ports/" + id(vm.getKey()), stack.adminToken()).path("status").asText())) return false;
        }
        return true;
      } catch (Exception e) {
        return false;
      }
    }, "the data plane did not converge; node log:\n" + stack.nodeLogTail());
  }

  @Override
  public void close() {
    try {
      stack.close();
    } finally {
      lab.close();
    }
  }
}
