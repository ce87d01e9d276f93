package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real node's /metrics read with a strict format reader: every family present with its type,
 * request counts moved by exactly the requests made, entities and cluster members counted.
 */
class MetricsIT {
  static final Map<String, String> FAMILIES = Map.ofEntries(
      Map.entry("tenet_api_requests_total", "counter"),
      Map.entry("tenet_api_request_duration_seconds", "histogram"),
      Map.entry("tenet_entities", "gauge"),
      Map.entry("tenet_openflow_flow_mods_sent_total", "counter"),
      Map.entry("tenet_openflow_group_mods_sent_total", "counter"),
      Map.entry("tenet_openflow_barriers_sent_total", "counter"),
      Map.entry("tenet_datapath_reconcile_duration_seconds", "histogram"),
      Map.entry("tenet_datapath_repaired_flows_total", "counter"),
      Map.entry("tenet_openflow_connections", "gauge"),
      Map.entry("tenet_ovsdb_connections", "gauge"),
      Map.entry("tenet_cluster_members", "gauge"),
      Map.entry("tenet_cluster_unreachable_members", "gauge"),
      Map.entry("tenet_persistence_failures_total", "counter"),
      Map.entry("tenet_storage_unavailable_total", "counter"),
      Map.entry("tenet_jvm_live_threads", "gauge"),
      Map.entry("tenet_jvm_threads_started", "gauge"));

  static NodeProcess node;
  static ApiClient root;
  static ApiClient admin;

  @BeforeAll
  static void startNode() throws Exception {
    node = NodeProcess.start("metrics");
    admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
    root = new ApiClient(node.baseUrl().substring(0, node.baseUrl().length() - "/v1".length()), null);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
  }

  static PrometheusText scrape() {
    ApiClient.Response response = root.get("/metrics");
    assertEquals(200, response.status(), response::toString);
    String contentType = response.headers().getOrDefault("content-type", List.of("")).get(0);
    assertTrue(contentType.startsWith("text/plain") && contentType.contains("version=0.0.4"), contentType);
    return PrometheusText.parse(response.body());
  }

  /** Request counts by (method, route, status) as "GET /v1/ports/{id} 200". */
  static Map<String, Double> requestCounts(PrometheusText scrape) {
    Map<String, Double> counts = new HashMap<>();
    scrape.samples("tenet_api_requests_total", s -> true).forEach(s ->
        counts.put(s.labels().get("method") + " " + s.labels().get("route") + " " + s.labels().get("status"), s.value()));
    return counts;
  }

  static Map<String, Double> durationCounts(PrometheusText scrape) {
    Map<String, Double> counts = new HashMap<>();
    scrape.samples("tenet_api_request_duration_seconds_count", s -> true).forEach(s ->
        counts.put(s.labels().get("method") + " " + s.labels().get("route") + " " + s.labels().get("status"), s.value()));
    return counts;
  }

  static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> moved = new HashMap<>();
    after.forEach((key, value) -> {
      double delta = value - before.getOrDefault(key, 0.0);
      if (delta != 0) moved.put(key, delta);
    });
    return moved;
  }

  @Test
  void requestsAreCountedExactlyAndEveryFamilyIsPresentAndWellFormed() {
    PrometheusText before = scrape();
    FAMILIES.forEach((name, type) -> assertEquals(type, before.family(name).type(), name));
    FAMILIES.keySet().forEach(name -> assertTrue(!before.family(name).help().isBlank(), name + " has help"));

    String token = admin.post("/tenants", "{\"name\":\"metrics\"}").json().get("token").asText();
    ApiClient tenant = admin.as(token);
    ApiClient.Response network = tenant.post("/networks", "{\"name\":\"web\",\"subnets\":[{\"cidr\":\"10.0.0.0/24\"}]}");
    assertEquals(201, network.status(), network::toString);
    ApiClient.Response port = tenant.post("/ports", "{\"network_id\":\"" + network.json().get("id").asText() + "\"}");
    assertEquals(201, port.status(), port::toString);
    String portId = port.json().get("id").asText();
    for (int i = 0; i < 3; i++) assertEquals(200, tenant.get("/ports/" + portId).status());
    assertEquals(404, tenant.get("/ports/no-such-port").status());
    assertEquals(401, admin.as(null).get("/networks").status());
    assertEquals(404, admin.get("/no/such/route/at/all").status());
    assertEquals(200, admin.as(null).get("/health/ready").status());
    assertEquals(200, admin.as(null).get("/health/live").status());

    PrometheusText after = scrape();
    Map<String, Double> expected = Map.of(
        "POST /v1/tenants 201", 1.0,
        "POST /v1/networks 201", 1.0,
        "POST /v1/ports 201", 1.0,
        "GET /v1/ports/{id} 200", 3.0,
        "GET /v1/ports/{id} 404", 1.0,
        "GET /v1/networks 401", 1.0,
        "GET unmatched 404", 1.0,
        "GET /v1/health/ready 200", 1.0,
        "GET /v1/health/live 200", 1.0);
    assertEquals(expected, difference(requestCounts(after), requestCounts(before)), "the scrapes themselves are not counted, nothing else ran");
    assertEquals(expected, difference(durationCounts(after), durationCounts(before)));

    assertEquals(1.0, after.value("tenet_cluster_members", Map.of("status", "up")));
    assertEquals(0.0, after.value("tenet_cluster_members", Map.of("status", "joining")));
    assertEquals(0.0, after.value("tenet_cluster_unreachable_members", Map.of()));
    for (String type : List.of("tenant", "network", "port", "security_group", "write_probe")) {
      assertTrue(after.value("tenet_entities", Map.of("entity_type", type)) > 0, type + " entities on the node: " + after.samples("tenet_entities", s -> true));
    }
    assertEquals(0.0, after.value("tenet_entities", Map.of("entity_type", "datapath")), "no hypervisor connected");
    assertEquals(0.0, after.value("tenet_openflow_connections", Map.of("role", "master")));
    assertEquals(0.0, after.value("tenet_ovsdb_connections", Map.of()));
    assertEquals(0.0, after.value("tenet_openflow_flow_mods_sent_total", Map.of()));
    assertEquals(0.0, after.value("tenet_storage_unavailable_total", Map.of()));
    double threadsStarted = after.value("tenet_jvm_threads_started", Map.of()) - before.value("tenet_jvm_threads_started", Map.of());
    int requests = (int) expected.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf("threads started by the node while answering %d requests: %.0f%n", requests, threadsStarted);
    // each ask's callback once started a thread of its own on two cores: 40 here (NodeJvm.keepTheCommonPoolAPool)
    assertTrue(threadsStarted < 5, "threads started while answering " + requests + " requests: " + threadsStarted);
  }

  @Test
  void metricsAreOnlyRead() {
    ApiClient.Response posted = root.post("/metrics", "{}");
    assertEquals(405, posted.status(), posted::toString);
    assertEquals("method_not_allowed", posted.errorCode(), posted::toString);
    assertEquals(List.of("GET"), posted.headers().get("allow"), posted::toString);
  }

  @Test
  void readinessAndLivenessAnswerWithTheHealthShape() {
    ApiClient anonymous = admin.as(null);
    ApiClient.Response ready = anonymous.get("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    assertEquals("ok", ready.json().get("status").asText());
    assertTrue(ready.json().get("node").asText().startsWith("pekko://tenet@"), ready::toString);
    ApiClient.Response live = anonymous.get("/health/live");
    assertEquals(200, live.status(), live::toString);
    assertEquals("ok", live.json().get("status").asText());
  }
}
