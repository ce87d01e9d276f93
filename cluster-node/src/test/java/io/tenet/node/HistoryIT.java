package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.cli.TenetCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * History and audit against a node and its Cassandra journal: changes by two tenants and the
 * administrator, each of whom sees only what it may, who made each change in which request,
 * and {@code ?at=} answering an object as it was. {@code tenet history} and {@code tenet diff}
 * read the same.
 */
class HistoryIT {
  static NodeProcess node;
  static ApiClient admin;
  static ApiClient tenantA;
  static ApiClient tenantB;
  static Path home;

  @BeforeAll
  static void startNode() throws Exception {
    node = NodeProcess.start("history");
    home = Files.createTempDirectory("tenet-history-home");
    admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
    JsonNode a = admin.post("/tenants", "{\"name\":\"alpha\"}").json();
    JsonNode b = admin.post("/tenants", "{\"name\":\"beta\"}").json();
    tenantA = admin.as(a.path("token").asText());
    tenantB = admin.as(b.path("token").asText());
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
    if (home != null) NodeProcess.deleteTree(home);
  }

  static ApiClient.Response send(ApiClient client, String method, String path, String body, String requestId) {
    HttpRequest.Builder request = client.request(path).header("X-Request-Id", requestId);
    return client.send(body == null ? request.method(method, HttpRequest.BodyPublishers.noBody()) : request.method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  static List<JsonNode> events(ApiClient client, String query) {
    ApiClient.Response answer = client.get("/events" + query);
    assertEquals(200, answer.status(), answer.toString());
    List<JsonNode> events = new ArrayList<>();
    answer.json().path("events").forEach(events::add);
    return events;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void eachSeesWhatItMayWithWhoAndWhichRequestAndAtAnswersTheEarlierVersion() throws Exception {
    ApiClient.Response created = send(tenantA, "POST", "/networks", "{\"name\":\"blue\",\"mtu\":1450,\"subnets\":[{\"cidr\":\"10.1.0.0/24\"}]}", "req-a-create");
    assertEquals(201, created.status(), created.toString());
    assertEquals("req-a-create", created.headers().get("x-request-id").get(0), "the request id is echoed");
    String network = created.json().path("id").asText();
    String tenantAId = created.json().path("tenant_id").asText();
    Thread.sleep(50);
    Instant beforeRename = Instant.now();
    Thread.sleep(50);
    assertEquals(200, send(tenantA, "PATCH", "/networks/" + network, "{\"name\":\"blue-2\"}", "req-a-rename").status());
    assertEquals(200, send(admin, "PATCH", "/networks/" + network, "{\"mtu\":1400}", "req-admin-mtu").status());
    ApiClient.Response port = send(tenantA, "POST", "/ports", "{\"network_id\":\"" + network + "\",\"name\":\"web\"}", "req-a-port");
    assertEquals(201, port.status(), port.toString());
    String portId = port.json().path("id").asText();
    Thread.sleep(50);
    Instant beforePortRename = Instant.now();
    Thread.sleep(50);
    assertEquals(200, send(admin, "PATCH", "/ports/" + portId, "{\"name\":\"web-renamed\"}", "req-admin-port").status());
    ApiClient.Response other = send(tenantB, "POST", "/networks", "{\"name\":\"green\",\"subnets\":[{\"cidr\":\"10.1.0.0/24\"}]}", "req-b-create");
    String networkB = other.json().path("id").asText();

    // tenant A: its network's history, who did what in which request, which fields
    List<JsonNode> history = events(tenantA, "?object=" + network);
    assertEquals(List.of("network_created", "network_updated", "network_updated", "addresses_reserved"), history.stream().map(e -> e.path("kind").asText()).toList());
    assertEquals(List.of("tenant:" + tenantAId, "tenant:" + tenantAId, "admin", "tenant:" + tenantAId), history.stream().map(e -> e.path("principal").asText()).toList());
    assertEquals(List.of("req-a-create", "req-a-rename", "req-admin-mtu", "req-a-port"), history.stream().map(e -> e.path("request_id").asText()).toList());
    assertEquals("blue", history.get(1).at("/changes/name/from").asText());
    assertEquals("blue-2", history.get(1).at("/changes/name/to").asText());
    assertEquals(1400, history.get(2).at("/changes/mtu/to").asInt());
    assertFalse(history.get(2).path("changes").has("name"));

    // the port: created by A's request (the saga's end too), renamed by the administrator
    List<JsonNode> portHistory = events(tenantA, "?object=" + portId);
    assertEquals("req-a-port", portHistory.get(1).path("request_id").asText(), portHistory.toString());
    assertEquals("port_created", portHistory.get(1).path("kind").asText());
    JsonNode renamed = portHistory.get(portHistory.size() - 1);
    assertEquals("admin", renamed.path("principal").asText());
    assertEquals("web-renamed", renamed.at("/changes/name/to").asText());

    // each sees only what it may: B not A's objects (as if they did not exist), the administrator everything
    assertEquals(404, tenantB.get("/events?object=" + network).status());
    assertEquals(404, tenantB.get("/events?object=" + portId).status());
    assertEquals(404, tenantA.get("/events?object=" + networkB).status());
    assertEquals(4, events(admin, "?object=" + network).size());
    assertEquals(200, tenantA.get("/networks/" + network + "?at=" + encode(Instant.now().toString())).status(), "A reads its own past");
    assertEquals(404, tenantB.get("/networks/" + network + "?at=" + encode(Instant.now().toString())).status());

    // ?at= answers the earlier version with its values then
    JsonNode then = tenantA.get("/networks/" + network + "?at=" + encode(beforeRename.toString())).json();
    assertEquals("blue", then.path("name").asText());
    assertEquals(1450, then.path("mtu").asInt());
    assertEquals("blue-2", tenantA.get("/networks/" + network).json().path("name").asText());
    assertEquals(404, tenantA.get("/networks/" + network + "?at=2020-01-01T00:00:00Z").status(), "it did not exist then");
    assertEquals(422, tenantA.get("/networks/" + network + "?at=yesterday").status());
    assertEquals("web", tenantA.get("/ports/" + portId + "?at=" + encode(beforePortRename.toString())).json().path("name").asText());
    assertEquals("web-renamed", tenantA.get("/ports/" + portId + "?at=" + encode(renamed.path("at").asText())).json().path("name").asText());

    // everything since: A sees its own network and port (and its default security group, made with the tenant), B only its own, the administrator both
    List<JsonNode> sinceA = events(tenantA, "?since=1h");
    assertEquals(List.of(network, portId), sinceA.stream().filter(e -> !e.path("object_kind").asText().equals("security_group"))
        .map(e -> e.path("object_id").asText()).distinct().toList(), sinceA.toString());
    List<JsonNode> sinceB = events(tenantB, "?since=1h");
    assertEquals(List.of(networkB), sinceB.stream().filter(e -> e.path("object_kind").asText().equals("network")).map(e -> e.path("object_id").asText()).distinct().toList());
    assertTrue(sinceB.stream().noneMatch(e -> e.path("object_id").asText().equals(network) || e.path("object_id").asText().equals(portId)), sinceB.toString());
    List<JsonNode> sinceAdmin = events(admin, "?since=1h");
    assertTrue(sinceAdmin.stream().anyMatch(e -> e.path("object_id").asText().equals(networkB))
        && sinceAdmin.stream().anyMatch(e -> e.path("object_id").asText().equals(portId)), sinceAdmin.toString());
    assertEquals(0, events(tenantA, "?since=" + encode(Instant.now().plusSeconds(60).toString())).size());

    // security groups and routers too, with ?at=
    ApiClient.Response group = send(tenantA, "POST", "/security-groups", "{\"name\":\"web-sg\",\"description\":\"first\"}", "req-a-sg");
    assertEquals(201, group.status(), group.toString());
    String groupId = group.json().path("id").asText();
    Thread.sleep(50);
    Instant beforeDescription = Instant.now();
    Thread.sleep(50);
    assertEquals(200, send(admin, "PATCH", "/security-groups/" + groupId, "{\"description\":\"second\"}", "req-admin-sg").status());
    List<JsonNode> groupHistory = events(tenantA, "?object=" + groupId);
    assertEquals(List.of("req-a-sg", "req-admin-sg"), groupHistory.stream().map(e -> e.path("request_id").asText()).toList());
    assertEquals("second", groupHistory.get(1).at("/changes/description/to").asText());
    assertEquals("first", tenantA.get("/security-groups/" + groupId + "?at=" + encode(beforeDescription.toString())).json().path("description").asText());
    ApiClient.Response router = send(tenantA, "POST", "/routers", "{\"name\":\"edge\"}", "req-a-router");
    String routerId = router.json().path("id").asText();
    assertEquals(200, send(tenantA, "PATCH", "/routers/" + routerId, "{\"name\":\"edge-2\"}", "req-a-router-rename").status());
    assertEquals("edge", tenantA.get("/routers/" + routerId + "?at=" + encode(events(tenantA, "?object=" + routerId).get(0).path("at").asText())).json().path("name").asText());
    assertEquals(404, tenantB.get("/events?object=" + routerId).status());
    assertTrue(events(tenantA, "?since=1h").stream().anyMatch(e -> e.path("object_id").asText().equals(groupId)), "diff covers groups");

    // the command line reads the same
    String table = tenet(tenantA, "history", "blue-2");
    assertTrue(table.lines().anyMatch(l -> l.contains("network_updated") && l.contains("admin") && l.contains("req-admin-mtu") && l.contains("mtu")), table);
    String diff = tenet(admin, "diff", "--since", "1h", "-o", "json");
    assertTrue(ApiClient.json(diff).size() >= sinceA.size() + sinceB.size(), diff);
  }

  static String tenet(ApiClient as, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--url", node.baseUrl(), "--token", as.token()));
    int exit = TenetCli.commandLine(Map.of(), home, new PrintWriter(out, true), new PrintWriter(err, true)).execute(line.toArray(String[]::new));
    assertEquals(0, exit, err.toString());
    return out.toString();
  }
}
