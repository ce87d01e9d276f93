package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the node, Cassandra left running, restart: every object is back, byte for byte,
 * and the remembered entities run again.
 */
class RestartIT {

  @Test
  void everyObjectSurvivesAHardKill() throws Exception {
    try (NodeProcess node = NodeProcess.start("restart")) {
      ApiClient admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
      String token = admin.post("/tenants", "{\"name\":\"durable\"}").json().get("token").asText();
      ApiClient tenant = admin.as(token);
      String net = tenant.post("/networks", "{\"name\":\"n\",\"subnets\":[{\"cidr\":\"10.30.0.0/24\"}]}").json().get("id").asText();
      String net2 = tenant.post("/networks", "{\"name\":\"n2\",\"subnets\":[{\"cidr\":\"10.31.0.0/24\"}]}").json().get("id").asText();
      for (int i = 0; i < 5; i++) tenant.post("/ports", "{\"network_id\":\"" + net + "\",\"name\":\"p" + i + "\"}");
      String group = tenant.post("/security-groups", "{\"name\":\"g\",\"rules\":[{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"port_range_min\":22}]}").json().get("id").asText();
      String router = tenant.post("/routers", "{\"name\":\"r\"}").json().get("id").asText();
      tenant.post("/routers/" + router + "/interfaces", "{\"network_id\":\"" + net + "\"}");
      tenant.post("/routers/" + router + "/interfaces", "{\"network_id\":\"" + net2 + "\"}");
      tenant.patch("/networks/" + net2, "{\"name\":\"renamed\"}");

      Map<String, String> before = snapshot(admin, tenant, net, group, router);
      int ports = admin.get("/ports").json().get("ports").size(); // five, and the router's two interfaces
      node.killHard();
      node.launch();
      assertRememberedPortsRestart(node, ports);
      Map<String, String> after = snapshot(admin, tenant, net, group, router);
      assertEquals(before, after);
    }
  }

  /**
   * Sharding restarts the remembered port entities by itself, from the node's own disk (no request
   * touches them first): a crash in the middle of a port's saga is finished without a client.
   */
  private static void assertRememberedPortsRestart(NodeProcess node, int ports) throws InterruptedException {
    ApiClient root = new ApiClient(node.baseUrl().substring(0, node.baseUrl().length() - "/v1".length()), null);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    double running = 0;
    while (running < ports && System.nanoTime() < deadline) {
      running = PrometheusText.parse(root.get("/metrics").body()).value("tenet_entities", Map.of("entity_type", "port"));
      if (running < ports) Thread.sleep(250);
    }
    assertEquals(ports, running, "port entities restarted without a request");
  }

  private static Map<String, String> snapshot(ApiClient admin, ApiClient tenant, String net, String group, String router) {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String path : new String[] {"/networks", "/networks/" + net, "/ports", "/security-groups", "/security-groups/" + group, "/routers", "/routers/" + router}) {
      ApiClient.Response response = tenant.get(path);
      assertEquals(200, response.status(), () -> path + " " + response);
      bodies.put(path, response.body());
    }
    bodies.put("admin /tenants", admin.get("/tenants").body());
    return bodies;
  }
}
