package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.bench.BenchmarkApi;
import io.tenet.lab.Await;
import io.tenet.lab.PingResult;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Stateful security groups through real Open vSwitch conntrack, with TCP servers in the VMs.
 *
 * <pre>
 *   hv1: a1 in group client (egress: anything; ingress: nothing)
 *   hv2: a2 in group web (egress: anything; ingress: TCP 8080 from anywhere), echo servers on 8080 and 9090
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityGroupsIT {
  static final Duration APPLIED = Duration.ofSeconds(20);
  static final Path RESULTS = Path.of("results", "security-groups.json");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ANY_OUT = "{\"direction\":\"egress\",\"ethertype\":\"IPv4\"}";
  static final String HTTP_IN = "{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"tcp\",\"port_range_min\":8080,\"port_range_max\":8080,"
      + "\"remote_ip_prefix\":\"0.0.0.0/0\"}";

  static TwoTenantLab world;
  static String web;
  static String client;
  static String other;

  @BeforeAll
  static void start() throws Exception {
    world = TwoTenantLab.start(2);
    try {
      web = group("web", ANY_OUT + "," + HTTP_IN);
      client = group("client", ANY_OUT);
      other = group("other", ANY_OUT);
      world.createPort("a1", world.networkA(), "10.0.0.3", true, client);
      world.createPort("a2", world.networkA(), "10.0.0.4", true, web);
      world.plug(1, "a1");
      world.plug(2, "a2");
      world.awaitConverged(2);
      vm("a2").serveTcpEcho(8080);
      vm("a2").serveTcpEcho(9090);
    } catch (Exception | Error failed) {
      world.close();
      throw failed;
    }
  }

  @AfterAll
  static void stop() {
    if (world != null) world.close();
  }

  @Test
  @Order(1)
  void anAllowedPortConnectsAndItsRepliesPassAnotherIsDropped() throws Exception {
    Await.until(APPLIED, () -> "hello".equals(vm("a1").tcpExchange("10.0.0.4", 8080, "hello", 2)), "a1 never reached a2:8080; node log:\n" + world.stack.nodeLogTail());
    assertEquals("", vm("a1").tcpExchange("10.0.0.4", 9090, "hello", 2), "9090 is not allowed into web");
  }

  @Test
  @Order(2)
  void unsolicitedIngressIsDroppedWhileEgressIsFree() {
    PingResult intoClient = vm("a2").ping("10.0.0.3", 3, 0.2, 3);
    assertEquals(0, intoClient.received(), "client takes no new connection: " + intoClient.output());
    PingResult intoWeb = vm("a1").ping("10.0.0.4", 3, 0.2, 3);
    assertEquals(0, intoWeb.received(), "web allows no ICMP yet: " + intoWeb.output());
  }

  @Test
  @Order(3)
  void anAddedRuleAdmitsNewConnectionsAtOnce() throws Exception {
    try (RunningPing pinging = vm("a1").startPing("10.0.0.4", 20)) {
      Thread.sleep(200); // refused until the rule exists
      Instant asked = Instant.now();
      setRules(web, ANY_OUT + "," + HTTP_IN + ",{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"icmp\"}");
      Instant answered = Instant.now();
      Await.until(APPLIED, () -> pinging.progress().received() > 0, "ICMP never admitted into web");
      Instant firstReply = pinging.progress().replies().get(0).receivedAt();
      Map<String, Object> measured = new LinkedHashMap<>();
      measured.put("rule_update_api_ms", Duration.between(asked, answered).toMillis());
      measured.put("rule_update_api_to_first_admitted_reply_ms", Duration.between(asked, firstReply).toMillis());
      measured.put("ping_interval_ms", 20);
      Files.createDirectories(RESULTS.getParent());
      Files.writeString(RESULTS, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(measured) + "\n");
    }
    PingResult ping = vm("a1").ping("10.0.0.4", 5, 0.2, 5);
    assertTrue(ping.received() >= 4, ping.output().toString());
  }

  @Test
  @Order(4)
  void aRemoteGroupAdmitsItsMembersOnlyWhileTheyAreAndAPortJoiningItBecomesReachable() throws Exception {
    setRules(web, ANY_OUT + "," + HTTP_IN + ",{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"tcp\",\"port_range_min\":9000,"
        + "\"port_range_max\":9100,\"remote_group_id\":\"" + client + "\"}");
    Await.until(APPLIED, () -> "member".equals(vm("a1").tcpExchange("10.0.0.4", 9090, "member", 2)), "a1, in client, never reached a2:9090");
    BenchmarkApi.Answer moved = world.api.patch("/ports/" + world.id("a1"), world.tokenA(), "{\"security_group_ids\":[\"" + other + "\"]}");
    assertEquals(200, moved.status(), moved.body());
    Await.until(APPLIED, () -> vm("a1").tcpExchange("10.0.0.4", 9090, "gone", 2).isEmpty(), "a1 left client but still reaches a2:9090");
    assertEquals("still", vm("a1").tcpExchange("10.0.0.4", 8080, "still", 2), "8080 is open to anyone");
    BenchmarkApi.Answer back = world.api.patch("/ports/" + world.id("a1"), world.tokenA(), "{\"security_group_ids\":[\"" + client + "\"]}");
    assertEquals(200, back.status(), back.body());
    Await.until(APPLIED, () -> "again".equals(vm("a1").tcpExchange("10.0.0.4", 9090, "again", 2)), "a1 joined client again but does not reach a2:9090");
  }

  private static String group(String name, String rules) throws Exception {
    BenchmarkApi.Answer created = world.api.post("/security-groups", world.tokenA(), "{\"name\":\"" + name + "\",\"rules\":[" + rules + "]}");
    assertEquals(201, created.status(), created.body());
    return created.json().path("id").asText();
  }

  private static void setRules(String groupId, String rules) throws Exception {
    BenchmarkApi.Answer updated = world.api.patch("/security-groups/" + groupId, world.tokenA(), "{\"rules\":[" + rules + "]}");
    assertEquals(200, updated.status(), updated.body());
  }

  private static Vm vm(String name) {
    return world.vms().get(name);
  }
}
