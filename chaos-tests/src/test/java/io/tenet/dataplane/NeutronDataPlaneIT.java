package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalStack;
import io.tenet.lab.Await;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OpenStackClient;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PhysicalNetwork;
import io.tenet.lab.PingResult;
import io.tenet.lab.Vm;
import io.tenet.persistence.testing.SharedCassandra;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane through the Neutron API: two ports made with the unmodified {@code openstack}
 * client, plugged on two real (namespaced) OVS hypervisors with {@code iface-id=<Neutron port id>}
 * as Nova's OVS driver plugs them, ping each other across the VXLAN tunnel, and the client sees
 * them ACTIVE on the hypervisor each is plugged into.
 */
class NeutronDataPlaneIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static OvsLab lab;
  static LocalStack stack;
  static OpenStackClient openstack;
  static OpenStackClient administrator;
  static BenchmarkApi api;
  static String tenantId;

  @BeforeAll
  static void start() throws Exception {
    lab = OvsLab.start(2);
    try {
      stack = LocalStack.onSharedCassandra(SharedCassandra.instance()).create(1).listenForSwitchesOn(lab.controllerAddress());
      api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      String token = api.createTenant(stack.adminToken(), "acme");
      tenantId = token.split("\\.")[1];
      openstack = new OpenStackClient(stack.node(0).neutronBase(), token);
      administrator = new OpenStackClient(stack.node(0).neutronBase(), stack.adminToken());
    } catch (Exception | Error failed) {
      stop();
      throw failed;
    }
  }

  @AfterAll
  static void stop() {
    try {
      if (stack != null) stack.close();
    } finally {
      if (lab != null) lab.close();
    }
  }

  static JsonNode ok(String... args) throws Exception {
    OpenStackClient.Run run = openstack.run(args);
    assertEquals(0, run.exit(), () -> "openstack " + String.join(" ", args) + "\n" + run.err());
    return JSON.readTree(run.out());
  }

  @Test
  void portsMadeWithTheOpenStackClientCarryPacketsAndTurnActive() throws Exception {
    ok("network", "create", "web", "-f", "json");
    ok("subnet", "create", "web-v4", "--network", "web", "--subnet-range", "10.0.0.0/24", "-f", "json");
    JsonNode vm1Port = ok("port", "create", "vm1", "--network", "web", "-f", "json");
    JsonNode vm2Port = ok("port", "create", "vm2", "--network", "web", "--fixed-ip", "subnet=web-v4,ip-address=10.0.0.20", "-f", "json");
    assertEquals("DOWN", vm1Port.get("status").asText());

    Vm vm1 = plug(1, "vm1", vm1Port);
    Vm vm2 = plug(2, "vm2", vm2Port);
    awaitActiveOn("vm1", "hv1");
    awaitActiveOn("vm2", "hv2");

    PingResult ping = vm1.ping("10.0.0.20", 5, 0.2, 10);
    assertTrue(ping.received() >= 4, "vm1 -> vm2 across the tunnel: " + ping.output());
    PingResult back = vm2.ping(vm1Port.at("/fixed_ips/0/ip_address").asText(), 3, 0.2, 10);
    assertTrue(back.received() >= 2, "vm2 -> vm1: " + back.output());
  }

  /**
   * The edge through the client: the administrator makes a flat external network on physnet1 (hv2
   * is the gateway hypervisor, uplinked to a physical network with a host "outside"), the tenant sets
   * it as its router's gateway and gives a VM a floating IP; the outside host pings the VM through it.
   */
  @Test
  void theOutsideReachesAVmThroughAFloatingIpMadeWithTheOpenStackClient() throws Exception {
    PhysicalNetwork physnet1 = lab.physicalNetwork();
    Vm outside = physnet1.plugHost("outside", "02:00:00:0e:09:01", "203.0.113.1/24");
    Hypervisor gateway = lab.hypervisor(2);
    physnet1.uplink(gateway, "br-ex");
    gateway.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-bridge-mappings=physnet1:br-ex", "external_ids:tenet-gateway=true");
    Await.until(Duration.ofSeconds(30), () -> {
      OpenStackClient.Run agents = administrator.run("network", "agent", "show", datapathOf("hv2"), "-f", "json");
      return agents.exit() == 0 && agents.out().contains("physnet1");
    }, () -> "hv2 never reported physnet1; node log:\n" + stack.nodeLogTail());

    administratorRun("network", "create", "public", "--external", "--provider-network-type", "flat", "--provider-physical-network", "physnet1",
        "--extra-property", "type=str,name=project_id,value=" + tenantId, "-f", "json");
    administratorRun("subnet", "create", "public-v4", "--network", "public", "--subnet-range", "203.0.113.0/24", "--gateway", "203.0.113.1",
        "--no-dhcp", "-f", "json");
    ok("network", "create", "dmz", "-f", "json");
    ok("subnet", "create", "dmz-v4", "--network", "dmz", "--subnet-range", "10.9.0.0/24", "-f", "json");
    ok("router", "create", "edge", "-f", "json");
    ok("router", "add", "subnet", "edge", "dmz-v4");
    ok("router", "set", "edge", "--external-gateway", "public");
    ok("security", "group", "rule", "create", "default", "--protocol", "icmp", "--remote-ip", "0.0.0.0/0", "-f", "json");
    JsonNode port = ok("port", "create", "web1", "--network", "dmz", "-f", "json");
    Vm web1 = plug(1, "web1", port);
    web1.setGateway("10.9.0.1");
    awaitActiveOn("web1", "hv1");

    JsonNode floating = ok("floating", "ip", "create", "public", "--port", "web1", "-f", "json");
    String address = floating.get("floating_ip_address").asText();
    assertEquals(port.at("/fixed_ips/0/ip_address").asText(), floating.get("fixed_ip_address").asText());
    // the first packets make the gateway learn the outside host's MAC
    Await.until(Duration.ofSeconds(30), () -> outside.ping(address, 1, 0.2, 2).received() == 1,
        () -> "the outside host never reached " + address + "; node log:\n" + stack.nodeLogTail());
    PingResult through = outside.ping(address, 5, 0.2, 10);
    assertTrue(through.received() >= 4, "outside -> floating IP -> web1: " + through.output());
    assertEquals("ACTIVE", ok("floating", "ip", "show", address, "-f", "json").get("status").asText());
  }

  private static JsonNode administratorRun(String... args) throws Exception {
    OpenStackClient.Run run = administrator.run(args);
    assertEquals(0, run.exit(), () -> "openstack " + String.join(" ", args) + "\n" + run.err());
    return JSON.readTree(run.out());
  }

  /** The datapath id of a hypervisor, as the agents list names it. */
  private static String datapathOf(String hostname) {
    OpenStackClient.Run listed = administrator.run("network", "agent", "list", "--host", hostname, "-f", "value", "-c", "ID");
    return listed.out().trim();
  }

  /** Each hypervisor's datapath is an agent, alive while its switch is connected; tenants may not list them. */
  @Test
  void everyHypervisorIsAnAliveAgent() throws Exception {
    OpenStackClient.Run listed = administrator.run("network", "agent", "list", "-f", "json");
    assertEquals(0, listed.exit(), listed.err());
    JsonNode agents = JSON.readTree(listed.out());
    java.util.Set<String> hosts = new java.util.TreeSet<>();
    for (JsonNode agent : agents) {
      assertTrue(agent.path("Alive").asBoolean(), agents.toString());
      assertEquals("Open vSwitch agent", agent.path("Agent Type").asText());
      hosts.add(agent.path("Host").asText());
    }
    assertEquals(java.util.Set.of("hv1", "hv2"), hosts, agents.toString());
    assertEquals(1, openstack.run("network", "agent", "list").exit(), "a tenant's token lists no agents");
  }

  /** The port's VM on hypervisor {@code hypervisor}, its interface's iface-id the Neutron port id. */
  private static Vm plug(int hypervisor, String name, JsonNode port) {
    return lab.hypervisor(hypervisor).plugVm(name, port.get("mac_address").asText(), port.get("id").asText(),
        port.at("/fixed_ips/0/ip_address").asText() + "/24");
  }

  private static void awaitActiveOn(String port, String hypervisor) throws InterruptedException {
    Await.until(Duration.ofSeconds(30), () -> {
      OpenStackClient.Run shown = openstack.run("port", "show", port, "-f", "json");
      if (shown.exit() != 0) return false;
      try {
        JsonNode json = JSON.readTree(shown.out());
        return "ACTIVE".equals(json.path("status").asText()) && hypervisor.equals(json.path("binding_host_id").asText())
            && "ovs".equals(json.path("binding_vif_type").asText());
      } catch (java.io.IOException notJson) {
        return false;
      }
    }, () -> port + " never turned ACTIVE on " + hypervisor + "; node log:\n" + stack.nodeLogTail());
  }
}
