package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.bench.BenchmarkApi;
import io.tenet.lab.Await;
import io.tenet.lab.PingResult;
import io.tenet.lab.Vm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A VIP moved between VMs the way keepalived moves it (address moved, gratuitous ARP), through
 * real Open vSwitch: port security drops it from a port without the pair, and the pair added
 * through the API lets it through at once.
 *
 * <pre>
 *   tenant A, net-a 10.0.0.0/24:   hv1: client a1     hv2: a2 (holds the VIP first)     hv3: a3
 * </pre>
 */
class AddressPairsIT {
  static final String VIP = "10.0.0.100";
  static final Duration MOVED = Duration.ofSeconds(20);

  static TwoTenantLab world;

  @BeforeAll
  static void start() throws Exception {
    world = TwoTenantLab.startWithVms(3, Map.of(), Map.of("a1", 1, "a2", 2, "a3", 3));
  }

  @AfterAll
  static void stop() {
    if (world != null) world.close();
  }

  @Test
  void aVipMovesBetweenVmsWhosePortsAllowIt() throws Exception {
    setPairs("a2", "[{\"ip_address\":\"" + VIP + "\"}]");
    Vm a1 = vm("a1");
    takeVip(vm("a2"));
    awaitVipAnswers(a1, "the VIP on a2");
    long a3Before = rxPackets(vm("a3"));

    // moved to a3, whose port does not allow it yet: its announcement and replies are dropped
    vm("a2").exec("ip", "addr", "del", VIP + "/24", "dev", "eth0");
    takeVip(vm("a3"));
    a1.exec("ip", "neigh", "flush", "all");
    PingResult refused = a1.ping(VIP, 3, 0.2, 3);
    assertEquals(0, refused.received(), "a3 answered for the VIP without the pair: " + refused.output());

    // the pair allows it: the next announcement passes and the VIP answers from a3
    setPairs("a3", "[{\"ip_address\":\"" + VIP + "\"}]");
    Await.until(MOVED, () -> {
      announce(vm("a3"));
      return a1.ping(VIP, 1, 0.2, 1).received() == 1;
    }, "the VIP never answered from a3; node log:\n" + world.stack.nodeLogTail());
    PingResult moved = a1.ping(VIP, 5, 0.2, 5);
    assertTrue(moved.received() >= 4, moved.output().toString());
    assertTrue(rxPackets(vm("a3")) - a3Before >= moved.received(), "the pings did not reach a3");
    assertTrue(a1.exec("ip", "neigh", "show", VIP).contains(vm("a3").mac()), "a1 does not resolve the VIP to a3: " + a1.exec("ip", "neigh"));
  }

  @Test
  void pairsAreValidatedAndNeedPortSecurity() throws Exception {
    world.createPort("a8", null, false);
    BenchmarkApi.Answer noSecurity = world.api.patch("/ports/" + world.id("a8"), world.tokenA(), "{\"allowed_address_pairs\":[{\"ip_address\":\"" + VIP + "\"}]}");
    assertEquals(409, noSecurity.status(), noSecurity.body());
    assertEquals("port_security_disabled", noSecurity.json().path("error").path("code").asText(), noSecurity.body());
    for (String bad : new String[] {"{\"ip_address\":\"10.0.0.300\"}", "{\"ip_address\":\"10.0.0.1/24\"}", "{\"ip_address\":\"10.0.0.5\",\"mac_address\":\"01:00:5e:00:00:01\"}", "{}"}) {
      BenchmarkApi.Answer refused = world.api.patch("/ports/" + world.id("a2"), world.tokenA(), "{\"allowed_address_pairs\":[" + bad + "]}");
      assertTrue(refused.status() == 422 || refused.status() == 400, bad + " -> " + refused.status() + " " + refused.body());
    }
  }

  private static void setPairs(String port, String pairs) throws Exception {
    BenchmarkApi.Answer answer = world.api.patch("/ports/" + world.id(port) + "?wait=realized&timeout=10s", world.tokenA(), "{\"allowed_address_pairs\":" + pairs + "}");
    assertEquals(200, answer.status(), answer.body());
  }

  private static void takeVip(Vm vm) {
    vm.exec("ip", "addr", "add", VIP + "/24", "dev", "eth0");
    announce(vm);
  }

  /** Gratuitous ARP for the VIP, as keepalived sends when it takes over. */
  private static void announce(Vm vm) {
    vm.exec("busybox", "arping", "-U", "-c", "1", "-I", "eth0", VIP);
  }

  private static void awaitVipAnswers(Vm client, String what) throws InterruptedException {
    Await.until(MOVED, () -> client.ping(VIP, 1, 0.2, 1).received() == 1, what + " never answered; node log:\n" + world.stack.nodeLogTail());
  }

  private static Vm vm(String name) {
    return world.vms().get(name);
  }

  private static long rxPackets(Vm vm) {
    return Long.parseLong(vm.exec("cat", "/sys/class/net/eth0/statistics/rx_packets").trim());
  }
}
