package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.bench.MetricsScrape;
import io.tenet.lab.Await;
import io.tenet.lab.Hypervisor;
import io.tenet.switches.flow.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drift: flows deleted by hand on one hypervisor are found by the datapath's own periodic
 * verification (every 2 s here: a flow count, then the tables read because it differs) and put
 * back, with a log line and a metric saying how many, the VMs' pings resume, and no other
 * datapath gets a flow-mod. Two hypervisors, one node:
 *
 * <pre>
 *   hv1: a1, b1      hv2: a2, b2
 * </pre>
 *
 * The measured times go to {@code chaos-tests/results/drift.json}.
 */
class DriftRepairIT {
  static final Path RESULTS = Path.of("results", "drift.json");
  static final Duration VERIFY_INTERVAL = Duration.ofSeconds(2);

  static TwoTenantLab world;

  @BeforeAll
  static void startLabAndController() throws Exception {
    world = TwoTenantLab.startWithVms(2, Map.of("TENET_VERIFY_INTERVAL", VERIFY_INTERVAL.toSeconds() + "s"), Map.of("a1", 1, "b1", 1, "a2", 2, "b2", 2));
  }

  @AfterAll
  static void stopAll() {
    if (world != null) world.close();
  }

  /** Flows on {@code hv}'s br-int that carry {@code cookie}. */
  static long flowsWithCookie(Hypervisor hv, Cookie cookie) {
    return hv.ofctl("dump-flows", "br-int").lines().filter(line -> line.contains("cookie=" + cookie.hex() + ",")).count();
  }

  @Test
  void flowsDeletedByHandAreFoundAndPutBackWithinTheVerifyIntervalAndNoOtherDatapathIsWrittenTo() throws Exception {
    Hypervisor hv1 = world.lab.hypervisor(1);
    String a2 = world.ip("a2");
    assertEquals(3, world.vms().get("a1").ping(a2, 3, 0.2, 3).received(), "a1 -> a2 before the drift");
    // what hv1 holds for a2: its unicast flow into the tunnel and its ARP answer
    Cookie ofA2 = Cookie.of(Cookie.Owner.PORT, world.id("a2"));
    long present = flowsWithCookie(hv1, ofA2);
    assertTrue(present >= 2, "hv1 holds a2's flows: " + present);
    MetricsScrape before = MetricsScrape.of(world.stack.apiBase());

    long deleted = System.nanoTime();
    hv1.ofctl("del-flows", "br-int", "cookie=" + ofA2.hex() + "/-1");
    assertEquals(0, flowsWithCookie(hv1, ofA2), "the hand deletion took");

    Await.until(Duration.ofSeconds(15), () -> flowsWithCookie(hv1, ofA2) == present, "hv1 did not get a2's flows back");
    double restoredAfter = (System.nanoTime() - deleted) / 1e9;
    Await.until(Duration.ofSeconds(10), () -> world.vms().get("a1").ping(a2, 1, 0.2, 1).received() == 1, "a1 -> a2 did not resume");
    double pingAfter = (System.nanoTime() - deleted) / 1e9;
    MetricsScrape after = MetricsScrape.of(world.stack.apiBase());

    String hv1Datapath = world.get("/ports/" + world.id("a1"), world.stack.adminToken()).at("/binding/datapath_id").asText();
    assertTrue(Files.readAllLines(world.stack.nodeLog()).stream()
            .anyMatch(line -> line.contains("datapath " + hv1Datapath + ": tables differed") && line.contains("scope datapath, found by verification")
                && line.contains("restored " + present + " flows")),
        "the node logs the drift it repaired:\n" + world.stack.nodeLogTail());
    // found by the cheap check, a flow count short by exactly the deleted flows, which then read the tables
    Pattern counted = Pattern.compile("datapath " + hv1Datapath + ": the switch holds (\\d+) flows where (\\d+) were installed");
    assertTrue(Files.readAllLines(world.stack.nodeLog()).stream().map(counted::matcher).filter(Matcher::find)
            .anyMatch(m -> Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) == present),
        "the flow count found the drift:\n" + world.stack.nodeLogTail());
    assertEquals(present, after.value("tenet_datapath_repaired_flows_total", "trigger=\"verification\"", "change=\"restored\"")
        - before.value("tenet_datapath_repaired_flows_total", "trigger=\"verification\"", "change=\"restored\""), "the metric counts the restored flows");
    // the node sent exactly the restored flows: not one flow-mod went to hv2 (or anywhere else)
    assertEquals(present, after.value("tenet_openflow_flow_mods_sent_total") - before.value("tenet_openflow_flow_mods_sent_total"),
        "flow-mods sent while repairing");

    ObjectNode result = TwoTenantLab.JSON.createObjectNode().put("test", "DriftRepairIT").put("verify_interval_seconds", VERIFY_INTERVAL.toSeconds())
        .put("flows_deleted_by_hand", present).put("restored_after_seconds", Math.round(restoredAfter * 1000) / 1000.0)
        .put("ping_resumed_after_seconds", Math.round(pingAfter * 1000) / 1000.0)
        .put("flow_mods_sent", after.value("tenet_openflow_flow_mods_sent_total") - before.value("tenet_openflow_flow_mods_sent_total"));
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, TwoTenantLab.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
  }
}
