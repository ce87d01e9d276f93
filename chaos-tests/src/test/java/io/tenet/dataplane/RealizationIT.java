package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.cli.TenetCli;
import io.tenet.lab.Await;
import io.tenet.lab.Hypervisor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Realized state through real OVS: tenant A's network spans three hypervisors (a1 on hv1, a2 on
 * hv2, a3 on hv3). A change made with {@code ?wait=realized} answers only after every one of the
 * three datapaths confirmed it by barrier; with hv3's ovs-vswitchd stopped, a change is pending
 * for hv3's datapath with the reason, and realized once vswitchd is back. The wait's latency goes
 * to {@code chaos-tests/results/realization.json}.
 */
class RealizationIT {
  static final Path RESULTS = Path.of("results", "realization.json");
  static final int TIMED_CREATES = 20;

  static TwoTenantLab world;
  static Set<String> datapathIds;

  @BeforeAll
  static void startLabAndController() throws Exception {
    world = TwoTenantLab.startWithVms(3, Map.of(), Map.of("a1", 1, "a2", 2, "a3", 3));
    datapathIds = new TreeSet<>();
    for (String port : List.of("a1", "a2", "a3")) datapathIds.add(boundDatapath(port));
  }

  @AfterAll
  static void stopAll() {
    if (world != null) world.close();
  }

  static String boundDatapath(String portName) throws Exception {
    return world.get("/ports/" + world.id(portName), world.tokenA()).at("/binding/datapath_id").asText();
  }

  static BenchmarkApi.Answer createPort(String name, String query) throws Exception {
    ObjectNode body = TwoTenantLab.JSON.createObjectNode().put("network_id", world.networkA()).put("name", name);
    return world.api.post("/ports" + query, world.tokenA(), body.toString());
  }

  /** The port's field at {@code pointer}, or "" while it cannot be read. */
  static String portField(String portId, String pointer) {
    try {
      return world.get("/ports/" + portId, world.tokenA()).at(pointer).asText();
    } catch (Exception | AssertionError notYet) {
      return "";
    }
  }

  /** {@code tenet <args>} against the node with tenant A's token; its output, after asserting it exited 0. */
  static String tenet(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--url", world.stack.apiBase().toString(), "--token", world.tokenA()));
    int exit = TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(line.toArray(String[]::new));
    assertEquals(0, exit, err.toString());
    return out.toString();
  }

  static Set<String> datapathsOf(JsonNode realization) {
    Set<String> ids = new TreeSet<>();
    realization.path("datapaths").forEach(d -> ids.add(d.path("datapath_id").asText()));
    return ids;
  }

  @Test
  void aPortCreatedWithWaitAnswersAfterTheBarrierOnEveryHypervisorOfItsNetwork() throws Exception {
    Instant asked = Instant.now();
    BenchmarkApi.Answer created = createPort("waited", "?wait=realized&timeout=10s");
    Instant answered = Instant.now();
    assertEquals(201, created.status(), created.body());
    JsonNode realization = created.json().path("realization");
    assertEquals("realized", realization.path("state").asText(), created.body());
    assertEquals(datapathIds, datapathsOf(realization), "every hypervisor of the network must implement the port");
    long desired = realization.path("desired_version").asLong();
    for (JsonNode datapath : realization.path("datapaths")) {
      assertEquals("realized", datapath.path("state").asText());
      assertTrue(datapath.path("confirmed_version").asLong() >= desired, datapath.toString());
      Instant confirmedAt = Instant.parse(datapath.path("confirmed_at").asText());
      // confirmed by this change's barrier: after the request was sent, before it was answered
      assertFalse(confirmedAt.isBefore(asked) || confirmedAt.isAfter(answered), asked + " <= " + confirmedAt + " <= " + answered);
    }
    assertEquals("DOWN", created.json().path("status").asText(), "not plugged anywhere: realized, but not ACTIVE");

    // the port answers as realized when read too, and a plugged one is ACTIVE
    assertEquals("realized", world.get("/ports/" + world.id("a1"), world.tokenA()).at("/realization/state").asText());
    assertEquals("ACTIVE", world.get("/ports/" + world.id("a1"), world.tokenA()).path("status").asText());

    List<Double> waited = timedCreates("waited-", "?wait=realized&timeout=10s");
    List<Double> plain = timedCreates("plain-", "");
    ObjectNode result = TwoTenantLab.JSON.createObjectNode().put("test", "RealizationIT").put("hypervisors", 3).put("creates_each", TIMED_CREATES)
        .put("wait_realized_p50_ms", waited.get(waited.size() / 2)).put("wait_realized_max_ms", waited.get(waited.size() - 1))
        .put("no_wait_p50_ms", plain.get(plain.size() / 2)).put("no_wait_max_ms", plain.get(plain.size() - 1));
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, TwoTenantLab.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
  }

  /** Milliseconds each of {@link #TIMED_CREATES} sequential creates took, sorted. */
  static List<Double> timedCreates(String prefix, String query) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < TIMED_CREATES; i++) {
      long started = System.nanoTime();
      BenchmarkApi.Answer timed = createPort(prefix + i, query);
      millis.add(Math.round((System.nanoTime() - started) / 1e5) / 10.0);
      assertEquals(201, timed.status(), timed.body());
    }
    Collections.sort(millis);
    return millis;
  }

  @Test
  void withOneVswitchdStoppedAChangeIsPendingThereWithTheReasonAndRealizedOnceItIsBack() throws Exception {
    Hypervisor hv3 = world.lab.hypervisor(3);
    String hv3Datapath = boundDatapath("a3");
    String a3 = world.id("a3");
    hv3.killVswitchd();
    try {
      BenchmarkApi.Answer late = createPort("while-hv3-is-down", "?wait=realized&timeout=2s");
      assertEquals(504, late.status(), late.body());
      JsonNode error = late.json().path("error");
      assertEquals("not_realized", error.path("code").asText(), late.body());
      assertEquals(1, error.path("missing").size(), late.body());
      JsonNode missing = error.path("missing").get(0);
      assertEquals(hv3Datapath, missing.path("datapath_id").asText());
      assertEquals("hv3", missing.path("hostname").asText());
      assertEquals("pending", missing.path("state").asText());
      assertTrue(missing.path("reason").asText().contains("connection to the controller closed"), missing.toString());

      // the change itself was made: the port exists, pending on hv3 only, and a3 (on hv3) is not ACTIVE
      String created = world.api.get("/ports?name=while-hv3-is-down", world.tokenA()).json().path("ports").get(0).path("id").asText();
      JsonNode pending = world.get("/ports/" + created, world.tokenA()).path("realization");
      assertEquals("pending", pending.path("state").asText());
      for (JsonNode datapath : pending.path("datapaths")) {
        assertEquals(datapath.path("datapath_id").asText().equals(hv3Datapath) ? "pending" : "realized", datapath.path("state").asText(), pending.toString());
      }
      assertEquals("DOWN", world.get("/ports/" + a3, world.tokenA()).path("status").asText());
      // the operator's view of the same: one row per datapath, hv3's pending with its reason
      String table = tenet("status", "port", created);
      assertTrue(table.contains(": pending (desired version"), table);
      assertTrue(table.lines().anyMatch(l -> l.startsWith(hv3Datapath) && l.contains("hv3") && l.contains("pending") && l.contains("connection to the controller closed")),
          table);
      assertEquals(2, table.lines().filter(l -> l.contains(" realized ")).count(), table);

      hv3.startVswitchd();
      Await.until(Duration.ofSeconds(30), () -> "realized".equals(portField(created, "/realization/state")),
          "the port was not realized after hv3's vswitchd came back; node log:\n" + world.stack.nodeLogTail());
      Await.until(Duration.ofSeconds(10), () -> "ACTIVE".equals(portField(a3, "/status")), "a3 is ACTIVE again");
      assertEquals(3, world.vms().get("a1").ping(world.ip("a3"), 3, 0.2, 5).received(), "a1 -> a3 after hv3's vswitchd is back");

      // the datapath's journal says it: a new mastership term on reconnection, and its first reconcile restoring the lost flows
      List<JsonNode> journal = new ArrayList<>();
      world.get("/events?object=" + hv3Datapath, world.stack.adminToken()).path("events").forEach(journal::add);
      List<String> kinds = journal.stream().map(e -> e.path("kind").asText()).toList();
      assertEquals("term_begun", kinds.get(kinds.lastIndexOf("tables_reconciled") - 1), kinds.toString());
      String reconciled = journal.get(kinds.lastIndexOf("tables_reconciled")).path("summary").asText();
      assertFalse(reconciled.contains("flowsRestored=0,"), "vswitchd lost every flow, so the reconcile restored some: " + reconciled);
      assertEquals(404, world.api.get("/events?object=" + hv3Datapath, world.tokenA()).status(), "a tenant does not see datapaths");
    } finally {
      if (!hv3.vswitchdRunning()) hv3.startVswitchd();
    }
  }
}
