package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management plane end to end: one node in its own JVM, real Cassandra, plain HTTP. */
class NodeApiIT {
  static NodeProcess node;
  static ApiClient admin;
  static ApiClient acme;
  static ApiClient other;

  @BeforeAll
  static void startNode() throws Exception {
    node = NodeProcess.start("api");
    admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
    acme = admin.as(createTenant("acme"));
    other = admin.as(createTenant("other"));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
  }

  static String createTenant(String name) {
    ApiClient.Response created = admin.post("/tenants", "{\"name\":\"" + name + "\"}");
    assertEquals(201, created.status(), created::toString);
    return created.json().get("token").asText();
  }

  static String id(ApiClient.Response response) {
    assertTrue(response.status() == 201 || response.status() == 200, response::toString);
    return response.json().get("id").asText();
  }

  @Test
  void createsListsAndReadsBackEveryKindOfObject() {
    String web = id(acme.post("/networks", """
        {"name":"web","subnets":[{"cidr":"10.0.0.0/24","dns_servers":["10.0.0.53"],"host_routes":[{"destination":"192.168.0.0/16","nexthop":"10.0.0.254"}]}]}"""));
    String db = id(acme.post("/networks", "{\"name\":\"db\",\"subnets\":[{\"cidr\":\"10.1.0.0/24\"}]}"));
    JsonNode webNet = acme.get("/networks/" + web).json();
    assertEquals("10.0.0.1", webNet.at("/subnets/0/gateway_ip").asText());
    assertEquals(1450, webNet.get("mtu").asInt());
    assertNotEquals(webNet.get("vni").asInt(), acme.get("/networks/" + db).json().get("vni").asInt());

    String vm1 = id(acme.post("/ports", "{\"network_id\":\"" + web + "\",\"name\":\"vm1\"}"));
    String vm2 = id(acme.post("/ports", "{\"network_id\":\"" + web + "\",\"name\":\"vm2\"}"));
    String fixed = id(acme.post("/ports", "{\"network_id\":\"" + web + "\",\"name\":\"fixed\",\"fixed_ips\":[{\"ip_address\":\"10.0.0.100\"}]}"));
    assertEquals("10.0.0.100", acme.get("/ports/" + fixed).json().at("/fixed_ips/0/ip_address").asText());
    Set<String> addresses = new HashSet<>();
    for (String port : List.of(vm1, vm2, fixed)) addresses.add(acme.get("/ports/" + port).json().at("/fixed_ips/0/ip_address").asText());
    assertEquals(3, addresses.size(), "three ports, three addresses: " + addresses);

    String group = id(acme.post("/security-groups", """
        {"name":"web","rules":[{"direction":"ingress","protocol":"tcp","port_range_min":80,"port_range_max":80,"remote_ip_prefix":"0.0.0.0/0"},
                               {"direction":"ingress","protocol":"icmp"}]}"""));
    assertEquals(2, acme.get("/security-groups/" + group).json().get("rules").size());

    String router = id(acme.post("/routers", "{\"name\":\"edge\"}"));
    ApiClient.Response first = acme.post("/routers/" + router + "/interfaces", "{\"network_id\":\"" + web + "\"}");
    assertEquals(201, first.status(), first::toString);
    ApiClient.Response second = acme.post("/routers/" + router + "/interfaces", "{\"network_id\":\"" + db + "\"}");
    assertEquals(201, second.status(), second::toString);
    JsonNode routerView = acme.get("/routers/" + router).json();
    assertEquals(2, routerView.get("interfaces").size());
    assertEquals("10.0.0.1", routerView.at("/interfaces/0/ip_address").asText());

    assertTrue(ids(acme.get("/networks").json().get("networks")).containsAll(List.of(web, db)));
    assertTrue(ids(acme.get("/ports?network_id=" + web).json().get("ports")).containsAll(List.of(vm1, vm2, fixed)));
    assertEquals(4, acme.get("/ports?network_id=" + web).json().get("ports").size(), "three ports and the router's interface");
    assertTrue(ids(acme.get("/security-groups").json().get("security_groups")).contains(group));
    assertTrue(ids(acme.get("/routers").json().get("routers")).contains(router));

    // another tenant sees none of it (external networks aside), and a foreign id answers exactly like a missing one
    assertTrue(ids(other.get("/networks").json().get("networks")).stream().noneMatch(List.of(web, db)::contains));
    assertEquals(404, other.get("/networks/" + web).status());
    assertEquals(404, other.get("/ports/" + vm1).status());
    // the administrator sees everything
    assertTrue(ids(admin.get("/networks").json().get("networks")).containsAll(List.of(web, db)));
  }

  @Test
  void idempotencyKeyGivesTheSameResult() {
    String body = "{\"name\":\"idem\",\"subnets\":[{\"cidr\":\"10.9.0.0/24\"}]}";
    ApiClient.Response first = acme.post("/networks", body, "key-1");
    ApiClient.Response again = acme.post("/networks", body, "key-1");
    assertEquals(201, first.status(), first::toString);
    assertEquals(first.status(), again.status());
    assertEquals(first.body(), again.body());
    ApiClient.Response different = acme.post("/networks", "{\"name\":\"other\",\"subnets\":[{\"cidr\":\"10.9.0.0/24\"}]}", "key-1");
    assertEquals(409, different.status(), different::toString);
    assertEquals(1, ids(acme.get("/networks").json().get("networks")).stream().filter(first.json().get("id").asText()::equals).count());
  }

  @Test
  void everyErrorAnswersWithItsStatusAndChangesNothing() {
    String net = id(acme.post("/networks", "{\"name\":\"errors\",\"subnets\":[{\"cidr\":\"10.5.0.0/24\"}]}"));
    id(acme.post("/ports", "{\"network_id\":\"" + net + "\",\"fixed_ips\":[{\"ip_address\":\"10.5.0.10\"}]}"));
    Supplier<String> everything = () -> acme.get("/networks").body() + acme.get("/ports").body() + acme.get("/security-groups").body() + acme.get("/routers").body();
    String before = everything.get();

    expect(400, "malformed_json", acme.post("/networks", "{\"name\":"));
    expect(400, "unknown_field", acme.post("/networks", "{\"name\":\"x\",\"colour\":\"red\"}"));
    expect(401, "unauthorized", acme.as(null).get("/networks"));
    expect(401, "unauthorized", acme.as("tnt.nobody.secret").post("/networks", "{\"name\":\"x\"}"));
    expect(404, "not_found", acme.get("/networks/no-such-network"));
    expect(404, "not_found", acme.post("/ports", "{\"network_id\":\"no-such-network\"}"));
    expect(404, "not_found", other.delete("/networks/" + net));
    expect(409, "ip_in_use", acme.post("/ports", "{\"network_id\":\"" + net + "\",\"fixed_ips\":[{\"ip_address\":\"10.5.0.10\"}]}"));
    expect(409, "network_has_ports", acme.delete("/networks/" + net));
    expect(409, "overlapping_subnet", acme.post("/networks", "{\"name\":\"o\",\"subnets\":[{\"cidr\":\"10.6.0.0/16\"},{\"cidr\":\"10.6.1.0/24\"}]}"));
    expect(413, "body_too_large", acme.post("/networks", "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
    expect(422, "invalid_value", acme.post("/networks", "{\"name\":\"bad\",\"subnets\":[{\"cidr\":\"10.0.0.0/33\"}]}"));
    expect(422, "invalid_value", acme.post("/ports", "{\"network_id\":\"" + net + "\",\"fixed_ips\":[{\"ip_address\":\"192.168.1.1\"}]}"));
    expect(422, "invalid_value", acme.post("/networks", "{\"name\":\"bad\",\"vni\":16777216}"));
    expect(422, "invalid_value", acme.post("/networks", "{\"name\":\"bad\",\"mtu\":\"big\"}"));

    assertEquals(before, everything.get(), "a refused request must change nothing");
  }

  /**
   * A body over the limit is read to its end before the 413: answering and closing while the
   * client still writes reset the connection, and the client saw no answer at all.
   */
  @Test
  void aTooLargeBodyIsAnsweredAfterTheClientHasSentIt() throws Exception {
    URI api = URI.create(node.baseUrl());
    byte[] half = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket(api.getHost(), api.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/networks HTTP/1.1\r\nHost: " + api.getHost() + "\r\nAuthorization: Bearer " + NodeProcess.ADMIN_TOKEN
          + "\r\nContent-Type: application/json\r\nContent-Length: " + 2 * half.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(half);
      out.flush();
      Thread.sleep(500); // the server has long seen the declared length
      out.write(half);
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertTrue(statusLine != null && statusLine.startsWith("HTTP/1.1 413 "), "answered " + statusLine);
    }
  }

  @Test
  void aDeletedNetworksVniCanBeUsedAgain() throws InterruptedException {
    String first = id(acme.post("/networks", "{\"name\":\"pinned\",\"vni\":7777}"));
    expect(409, "vni_in_use", acme.post("/networks", "{\"name\":\"clash\",\"vni\":7777}"));
    assertEquals(204, acme.delete("/networks/" + first).status());
    // the network hands its VNI back to the registry right after the delete is answered
    ApiClient.Response again = acme.post("/networks", "{\"name\":\"pinned-again\",\"vni\":7777}");
    for (int attempt = 0; attempt < 50 && again.status() == 409; attempt++) {
      Thread.sleep(100);
      again = acme.post("/networks", "{\"name\":\"pinned-again\",\"vni\":7777}");
    }
    assertEquals(201, again.status(), again::toString);
    assertEquals(7777, again.json().get("vni").asInt());
  }

  static String externalNetwork(String tenantId, String name, String provider, String cidr) {
    return """
        {"name":"%s","tenant_id":"%s","external":true,"provider":%s,"subnets":[{"cidr":"%s","dhcp_enabled":false}]}"""
        .formatted(name, tenantId, provider, cidr);
  }

  @Test
  void externalNetworksAreTheOperatorsAndEveryTenantMayUseThem() throws InterruptedException {
    ApiClient.Response operator = admin.post("/tenants", "{\"name\":\"operator\"}");
    assertEquals(201, operator.status(), operator::toString);
    String operatorId = operator.json().at("/tenant/id").asText();
    String flat = "{\"type\":\"flat\",\"physical_network\":\"physnet1\"}";
    expect(403, "admin_only", acme.post("/networks", externalNetwork(null, "mine", flat, "203.0.113.0/24").replace("\"tenant_id\":\"null\",", "")));

    ApiClient.Response created = admin.post("/networks", externalNetwork(operatorId, "public", flat, "203.0.113.0/24"));
    String publicNet = id(created);
    assertTrue(created.json().get("external").asBoolean());
    assertEquals("flat", created.json().at("/provider/type").asText());
    assertEquals("physnet1", created.json().at("/provider/physical_network").asText());

    // every tenant sees it, listed and by id
    assertTrue(ids(acme.get("/networks").json().get("networks")).contains(publicNet));
    assertTrue(ids(other.get("/networks").json().get("networks")).contains(publicNet));
    assertEquals("203.0.113.0/24", acme.get("/networks/" + publicNet).json().at("/subnets/0/cidr").asText());

    // but no tenant changes it or plugs into it, and no second network takes its segment or range
    String router = id(acme.post("/routers", "{\"name\":\"to-public\"}"));
    Supplier<String> state = () -> admin.get("/networks").body() + admin.get("/ports").body() + acme.get("/routers/" + router).body();
    String before = state.get();
    expect(403, "admin_only", acme.patch("/networks/" + publicNet, "{\"name\":\"mine\"}"));
    expect(403, "admin_only", acme.delete("/networks/" + publicNet));
    expect(409, "external_network", acme.post("/ports", "{\"network_id\":\"" + publicNet + "\"}"));
    expect(409, "external_network", acme.post("/routers/" + router + "/interfaces", "{\"network_id\":\"" + publicNet + "\"}"));
    expect(409, "segment_in_use", admin.post("/networks", externalNetwork(operatorId, "again", flat, "198.51.100.0/24")));
    String vlan100 = "{\"type\":\"vlan\",\"physical_network\":\"physnet1\",\"segmentation_id\":100}";
    expect(409, "overlapping_subnet", admin.post("/networks", externalNetwork(operatorId, "overlap", vlan100, "203.0.113.128/25")));
    expect(422, "invalid_value", admin.post("/networks", externalNetwork(operatorId, "bad", vlan100.replace("100", "4095"), "198.51.100.0/24")));
    expect(422, "missing_value", admin.post("/networks", externalNetwork(operatorId, "bad", "{\"type\":\"vlan\",\"physical_network\":\"physnet1\"}", "198.51.100.0/24")));
    assertEquals(before, state.get(), "a refused request must change nothing");

    // a VLAN of the same physical network is another segment; its range is claimed again when it changes
    String vlanNet = id(admin.post("/networks", externalNetwork(operatorId, "public-vlan", vlan100, "198.51.100.0/24")));
    assertEquals(100, admin.get("/networks/" + vlanNet).json().at("/provider/segmentation_id").asInt());
    expect(409, "overlapping_subnet", admin.patch("/networks/" + vlanNet, "{\"subnets\":[{\"cidr\":\"203.0.113.0/25\"}]}"));
    assertEquals(200, admin.patch("/networks/" + vlanNet, "{\"subnets\":[{\"cidr\":\"198.51.100.0/24\",\"dhcp_enabled\":false},{\"cidr\":\"198.51.101.0/24\"}]}").status());
    expect(409, "overlapping_subnet", admin.post("/networks", externalNetwork(operatorId, "overlap", flat.replace("physnet1", "physnet2"), "198.51.101.0/24")));

    // a router's way out: only to an external network, and only where a gateway hypervisor can carry it (this node has none)
    String notExternal = id(acme.post("/networks", "{\"name\":\"inside\",\"subnets\":[{\"cidr\":\"10.77.0.0/24\"}]}"));
    String beforeGateway = state.get();
    expect(422, "invalid_value", acme.patch("/routers/" + router, "{\"external_gateway\":{\"network_id\":\"" + notExternal + "\"}}"));
    expect(404, "not_found", acme.patch("/routers/" + router, "{\"external_gateway\":{\"network_id\":\"no-such-network\"}}"));
    expect(409, "no_gateway_host", acme.patch("/routers/" + router, "{\"external_gateway\":{\"network_id\":\"" + publicNet + "\"}}"));
    expect(422, "invalid_value", acme.post("/ports", "{\"network_id\":\"" + notExternal + "\",\"device_owner\":\"network:router_gateway\"}"));
    assertEquals(beforeGateway, state.get(), "a refused gateway leaves no port behind");
    assertEquals(200, acme.patch("/routers/" + router, "{\"external_gateway\":{}}").status(), "removing a gateway the router does not have changes nothing");

    // a layer-2 gateway: administrators only, a tenant network, a VLAN id, a gateway hypervisor (this node has none)
    String l2 = "{\"network_id\":\"%s\",\"physical_network\":\"physnet1\",\"segmentation_id\":%d}";
    Supplier<String> bridges = () -> admin.get("/l2-gateways").body() + admin.get("/networks/" + notExternal).body();
    String beforeBridge = bridges.get();
    expect(403, "admin_only", acme.post("/l2-gateways", l2.formatted(notExternal, 200)));
    expect(422, "missing_value", admin.post("/l2-gateways", "{\"physical_network\":\"physnet1\",\"segmentation_id\":200}"));
    expect(422, "invalid_value", admin.post("/l2-gateways", l2.formatted(notExternal, 4095)));
    expect(404, "not_found", admin.post("/l2-gateways", l2.formatted("no-such-network", 200)));
    expect(409, "external_network", admin.post("/l2-gateways", l2.formatted(publicNet, 200)));
    expect(409, "no_gateway_host", admin.post("/l2-gateways", l2.formatted(notExternal, 200)));
    expect(404, "not_found", admin.get("/l2-gateways/no-such-gateway"));
    expect(403, "admin_only", acme.delete("/l2-gateways/no-such-gateway"));
    assertEquals(beforeBridge, bridges.get(), "a refused layer-2 gateway changes nothing");

    // floating IPs: from an external network, for a port behind a router with a gateway there
    String inside = id(acme.post("/ports", "{\"network_id\":\"" + notExternal + "\"}"));
    Supplier<String> addresses = () -> admin.get("/ports").body() + admin.get("/floating-ips").body();
    String beforeFloating = addresses.get();
    expect(422, "missing_value", acme.post("/floating-ips", "{}"));
    expect(422, "invalid_value", acme.post("/floating-ips", "{\"floating_network_id\":\"" + notExternal + "\"}"));
    expect(422, "invalid_value", acme.post("/floating-ips", "{\"floating_network_id\":\"" + publicNet + "\",\"floating_ip_address\":\"198.51.100.5\"}"));
    expect(409, "external_unreachable", acme.post("/floating-ips", "{\"floating_network_id\":\"" + publicNet + "\",\"port_id\":\"" + inside + "\"}"));
    assertEquals(beforeFloating, addresses.get(), "a refused floating IP makes no port and no floating IP");
    ApiClient.Response floating = acme.post("/floating-ips", "{\"floating_network_id\":\"" + publicNet + "\",\"floating_ip_address\":\"203.0.113.50\"}");
    String floatingId = id(floating);
    assertEquals("203.0.113.50", floating.json().get("floating_ip_address").asText());
    expect(409, "ip_in_use", acme.post("/floating-ips", "{\"floating_network_id\":\"" + publicNet + "\",\"floating_ip_address\":\"203.0.113.50\"}"));
    expect(409, "owned_by_router", acme.delete("/ports/" + floating.json().get("external_port_id").asText()));
    expect(409, "external_unreachable", acme.patch("/floating-ips/" + floatingId, "{\"port_id\":\"" + inside + "\"}"));
    expect(404, "not_found", other.get("/floating-ips/" + floatingId));
    assertTrue(ids(acme.get("/floating-ips").json().get("floating_ips")).contains(floatingId));
    assertEquals(204, acme.delete("/floating-ips/" + floatingId).status());
    assertEquals(204, acme.delete("/ports/" + inside).status());
    assertEquals(204, acme.delete("/routers/" + router).status());

    // deleting gives segment and range back (the network returns them right after the delete is answered)
    assertEquals(204, admin.delete("/networks/" + publicNet).status());
    ApiClient.Response again = admin.post("/networks", externalNetwork(operatorId, "public-again", flat, "203.0.113.0/24"));
    for (int attempt = 0; attempt < 50 && again.status() == 409; attempt++) {
      Thread.sleep(100);
      again = admin.post("/networks", externalNetwork(operatorId, "public-again", flat, "203.0.113.0/24"));
    }
    assertEquals(201, again.status(), again::toString);
  }

  @Test
  void healthAndOpenApiAreServedWithoutToken() {
    assertEquals(200, acme.as(null).get("/health").status());
    ApiClient.Response spec = acme.as(null).get("/openapi.json");
    assertEquals(200, spec.status());
    assertEquals("3.0.3", spec.json().get("openapi").asText());
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
    JsonNode paths = acme.as(null).get("/openapi.json").json().get("paths");
    Set<String> documented = new java.util.TreeSet<>();
    paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (!method.equals("parameters")) documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
    }));
    assertEquals(new java.util.TreeSet<>(io.tenet.api.ApiServer.ENDPOINTS), documented, "docs/api/openapi.json and ApiServer.ENDPOINTS differ");

    for (String endpoint : io.tenet.api.ApiServer.ENDPOINTS) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[a-z_]+}", "no-such-object");
      java.net.http.HttpRequest.BodyPublisher body = java.net.http.HttpRequest.BodyPublishers.ofString("{}");
      ApiClient client = path.startsWith("/v1/") ? admin : new ApiClient(node.baseUrl().substring(0, node.baseUrl().length() - "/v1".length()), NodeProcess.ADMIN_TOKEN);
      ApiClient.Response response = client.sendOrOpenStream(client.request(path.startsWith("/v1/") ? path.substring("/v1".length()) : path).method(method, body));
      assertNotEquals(405, response.status(), endpoint + " -> " + response);
      assertTrue(response.status() != 404 || !response.json().at("/error/message").asText().startsWith("The requested resource could not be found"),
          endpoint + " is not routed: " + response);
    }
  }

  static void expect(int status, String code, ApiClient.Response response) {
    assertEquals(status, response.status(), response::toString);
    assertEquals(code, response.errorCode(), response::toString);
    assertTrue(!response.json().at("/error/message").asText().isBlank(), "a sentence for people: " + response);
  }

  static List<String> ids(JsonNode array) {
    List<String> ids = new java.util.ArrayList<>();
    array.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
