package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.cli.TenetCli;
import io.tenet.lab.Hypervisor;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.pipeline.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Forced repairs through the API and the CLI, with the periodic verification off so that only
 * the repair asked for can put anything back: a network's repair touches that network's flows
 * and no other, a datapath's repair all of them, and a second repair finds nothing to do.
 *
 * <pre>
 *   hv1: a1, b1      hv2: a2, b2
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TargetedRepairIT {
  static TwoTenantLab world;
  static String admin;

  @BeforeAll
  static void startLabAndController() throws Exception {
    world = TwoTenantLab.startWithVms(2, Map.of("TENET_VERIFY_INTERVAL", "0s"), Map.of("a1", 1, "b1", 1, "a2", 2, "b2", 2));
    admin = world.stack.adminToken();
  }

  @AfterAll
  static void stopAll() {
    if (world != null) world.close();
  }

  static JsonNode post(String path, String token, int expectedStatus) throws Exception {
    BenchmarkApi.Answer answer = world.api.post(path, token, "{}");
    assertEquals(expectedStatus, answer.status(), path + ": " + answer.body());
    return answer.json();
  }

  static JsonNode reportOf(JsonNode reports, String hostname) {
    for (JsonNode report : reports) if (hostname.equals(report.path("hostname").asText())) return report;
    throw new AssertionError("no report from " + hostname + ": " + reports);
  }

  @Test
  @Order(1)
  void aNetworksRepairPutsBackThatNetworksFlowsOnlyAndTheDatapathsRepairTheRest() throws Exception {
    Hypervisor hv1 = world.lab.hypervisor(1);
    Cookie ofA2 = Cookie.of(Cookie.Owner.PORT, world.id("a2"));
    Cookie ofB2 = Cookie.of(Cookie.Owner.PORT, world.id("b2"));
    long aFlows = DriftRepairIT.flowsWithCookie(hv1, ofA2);
    long bFlows = DriftRepairIT.flowsWithCookie(hv1, ofB2);
    assertTrue(aFlows >= 2 && bFlows >= 2, "hv1 holds a2's and b2's flows: " + aFlows + ", " + bFlows);
    hv1.ofctl("del-flows", "br-int", "cookie=" + ofA2.hex() + "/-1");
    hv1.ofctl("del-flows", "br-int", "cookie=" + ofB2.hex() + "/-1");
    assertEquals(0, world.vms().get("a1").ping(world.ip("a2"), 2, 0.2, 2).received(), "a1 -> a2 is cut by the deletion");

    JsonNode repaired = post("/networks/" + world.networkA() + "/reconcile", admin, 200);
    assertEquals(world.networkA(), repaired.path("network_id").asText());
    assertEquals(2, repaired.path("datapaths").size(), "both datapaths serve net-a: " + repaired);
    JsonNode onHv1 = reportOf(repaired.path("datapaths"), "hv1");
    assertEquals("repaired", onHv1.path("outcome").asText(), onHv1.toString());
    assertEquals("network " + world.networkA(), onHv1.path("scope").asText());
    assertEquals(aFlows, onHv1.at("/changed/flows_restored").asLong(), onHv1.toString());
    assertEquals(0, onHv1.at("/changed/flows_removed").asLong(), onHv1.toString());
    assertEquals("in_sync", reportOf(repaired.path("datapaths"), "hv2").path("outcome").asText(), repaired.toString());

    assertEquals(aFlows, DriftRepairIT.flowsWithCookie(hv1, ofA2), "net-a's flows are back");
    assertEquals(0, DriftRepairIT.flowsWithCookie(hv1, ofB2), "net-b's flows were not touched");
    assertEquals(2, world.vms().get("a1").ping(world.ip("a2"), 2, 0.2, 2).received(), "a1 -> a2 after net-a's repair");
    assertEquals(0, world.vms().get("b1").ping(world.ip("b2"), 2, 0.2, 2).received(), "b1 -> b2 still cut");

    String hv1Datapath = onHv1.path("datapath_id").asText();
    JsonNode whole = post("/datapaths/" + hv1Datapath + "/reconcile", admin, 200);
    assertEquals("repaired", whole.path("outcome").asText(), whole.toString());
    assertEquals("datapath", whole.path("scope").asText());
    assertEquals(bFlows, whole.at("/changed/flows_restored").asLong(), whole.toString());
    assertEquals(2, world.vms().get("b1").ping(world.ip("b2"), 2, 0.2, 2).received(), "b1 -> b2 after the datapath's repair");

    assertEquals("in_sync", post("/datapaths/" + hv1Datapath + "/reconcile", admin, 200).path("outcome").asText(), "nothing left to repair");
  }

  @Test
  @Order(2)
  void aWrongFlowIsCorrectedAndAnUnwantedOneRemoved() throws Exception {
    Hypervisor hv1 = world.lab.hypervisor(1);
    String hv1Datapath = world.get("/ports/" + world.id("a1"), admin).at("/binding/datapath_id").asText();
    // an extra flow nobody compiled, and a2's unicast flow pointed at a1's port instead of the tunnel
    hv1.ofctl("add-flow", "br-int", "table=0,priority=1,cookie=0x77,dl_type=0x88cc,actions=drop");
    Cookie ofA2 = Cookie.of(Cookie.Owner.PORT, world.id("a2"));
    // OpenFlow 1.3 modifies in one table only
    hv1.ofctl("mod-flows", "br-int", "table=" + Table.L2_LOOKUP.id() + ",cookie=" + ofA2.hex() + "/-1,dl_dst=" + world.port("a2").path("mac_address").asText()
        + ",actions=drop");
    assertEquals(0, world.vms().get("a1").ping(world.ip("a2"), 2, 0.2, 2).received(), "a1 -> a2 is cut by the changed flow");
    JsonNode whole = post("/datapaths/" + hv1Datapath + "/reconcile", admin, 200);
    assertEquals("repaired", whole.path("outcome").asText(), whole.toString());
    assertEquals(1, whole.at("/changed/flows_removed").asLong(), whole.toString());
    assertEquals(1, whole.at("/changed/flows_corrected").asLong(), whole.toString());
    assertEquals(2, world.vms().get("a1").ping(world.ip("a2"), 2, 0.2, 2).received(), "a1 -> a2 after the correction");
  }

  @Test
  @Order(3)
  void repairsAreForAdministratorsAndNameWhatExists() throws Exception {
    String hv1Datapath = world.get("/ports/" + world.id("a1"), admin).at("/binding/datapath_id").asText();
    assertEquals("forbidden", post("/networks/" + world.networkA() + "/reconcile", world.tokenA(), 403).at("/error/code").asText());
    assertEquals("not_found", post("/datapaths/" + hv1Datapath + "/reconcile", world.tokenA(), 404).at("/error/code").asText());
    assertEquals("not_found", post("/datapaths/00000000000000ff/reconcile", admin, 404).at("/error/code").asText());
    assertEquals("not_found", post("/networks/no-such-network/reconcile", admin, 404).at("/error/code").asText());
  }

  @Test
  @Order(4)
  void tenetRepairReportsPerDatapath() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", admin, "repair", "network", world.networkA());
    assertEquals(0, exit, err.toString());
    System.out.println(out);
    assertTrue(out.toString().lines().anyMatch(l -> l.contains("hv1") && l.contains("in_sync")), out.toString());
    assertTrue(out.toString().lines().anyMatch(l -> l.contains("hv2") && l.contains("in_sync")), out.toString());

    String hv2Datapath = world.get("/ports/" + world.id("a2"), admin).at("/binding/datapath_id").asText();
    StringWriter json = new StringWriter();
    assertEquals(0, TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(json, true), new PrintWriter(err, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", admin, "-o", "json", "repair", "datapath", hv2Datapath), err.toString());
    assertEquals("in_sync", TwoTenantLab.JSON.readTree(json.toString()).path("outcome").asText(), json.toString());

    StringWriter refused = new StringWriter();
    assertEquals(1, TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(out, true), new PrintWriter(refused, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", world.tokenA(), "repair", "network", "net-a"));
    assertTrue(refused.toString().contains("forbidden"), refused.toString());
  }
}
