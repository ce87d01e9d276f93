package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Neutron v2.0 API of a running node, driven by Debian's unmodified {@code openstack} client
 * with tenants' and the administrator's tokens, and by plain HTTP where the client hides the wire
 * (version discovery, pages, the error body). What either API changes, the other shows at once.
 */
class NeutronApiIT {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static NodeProcess node;
  static ApiClient admin;
  static ApiClient acme;
  static ApiClient other;
  static String otherTenantId;
  static OpenStackCli acmeCli;
  static OpenStackCli otherCli;
  static OpenStackCli adminCli;

  @BeforeAll
  static void startNode() throws Exception {
    assertTrue(OpenStackCli.installed(), "the openstack client is missing: deploy/bin/test installs python3-openstackclient");
    node = NodeProcess.start("neutron");
    admin = new ApiClient(node.baseUrl(), NodeProcess.ADMIN_TOKEN);
    JsonNode acmeTenant = createTenant("acme");
    JsonNode otherTenant = createTenant("other");
    acme = admin.as(acmeTenant.get("token").asText());
    other = admin.as(otherTenant.get("token").asText());
    otherTenantId = otherTenant.at("/tenant/id").asText();
    adminCli = new OpenStackCli(node.neutronUrl(), NodeProcess.ADMIN_TOKEN);
    acmeCli = adminCli.as(acme.token());
    otherCli = adminCli.as(other.token());
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
  }

  static JsonNode createTenant(String name) {
    ApiClient.Response created = admin.post("/tenants", "{\"name\":\"" + name + "\"}");
    assertEquals(201, created.status(), created::toString);
    return created.json();
  }

  static JsonNode ok(OpenStackCli.Run run) {
    assertEquals(0, run.exit(), run::toString);
    return run.out().isBlank() ? null : ApiClient.json(run.out());
  }

  static void refused(OpenStackCli.Run run, String message) {
    assertEquals(1, run.exit(), run::toString);
    assertTrue(run.err().contains(message), "the client says '" + message + "': " + run);
  }

  @Test
  void networksMadeWithTheOpenStackClientAreTenetsNetworks() {
    JsonNode created = ok(acmeCli.run("network", "create", "web", "-f", "json"));
    String id = created.get("id").asText();
    assertEquals("web", created.get("name").asText());
    assertEquals("ACTIVE", created.get("status").asText());
    assertEquals("vxlan", created.get("provider:network_type").asText());
    assertEquals(1450, created.get("mtu").asInt());
    JsonNode native1 = acme.get("/networks/" + id).json();
    assertEquals("web", native1.get("name").asText());
    assertEquals(created.get("provider:segmentation_id").asInt(), native1.get("vni").asInt(), "the segmentation id is the VNI");

    assertTrue(names(ok(acmeCli.run("network", "list", "-f", "json"))).contains("web"));
    assertEquals(id, ok(acmeCli.run("network", "show", "web", "-f", "json")).get("id").asText(), "found by name");
    assertEquals("web", ok(acmeCli.run("network", "show", id, "-f", "json")).get("name").asText(), "found by id");

    ok(acmeCli.run("network", "set", "web", "--name", "web2", "--mtu", "1400"));
    JsonNode changed = acme.get("/networks/" + id).json();
    assertEquals("web2", changed.get("name").asText());
    assertEquals(1400, changed.get("mtu").asInt());

    assertEquals(200, acme.patch("/networks/" + id, "{\"name\":\"web3\"}").status());
    assertEquals("web3", ok(acmeCli.run("network", "show", id, "-f", "json")).get("name").asText(), "a change through /v1 shows through /v2.0 at once");

    ok(acmeCli.run("network", "set", "web3", "--disable"));
    assertFalse(acme.get("/networks/" + id).json().get("admin_state_up").asBoolean());
    assertEquals("DOWN", ok(acmeCli.run("network", "show", "web3", "-f", "json")).get("status").asText());

    ok(acmeCli.run("network", "delete", "web3"));
    assertEquals(404, acme.get("/networks/" + id).status());
  }

  @Test
  void subnetsWithPoolsDnsAndHostRoutesLiveInTheirNetwork() {
    String network = ok(acmeCli.run("network", "create", "app", "-f", "json")).get("id").asText();
    JsonNode created = ok(acmeCli.run("subnet", "create", "app-v4", "--network", "app", "--subnet-range", "10.20.0.0/24",
        "--allocation-pool", "start=10.20.0.10,end=10.20.0.99", "--dns-nameserver", "10.20.0.53",
        "--host-route", "destination=192.168.0.0/16,gateway=10.20.0.254", "-f", "json"));
    String id = created.get("id").asText();
    assertEquals(network, created.get("network_id").asText());
    assertEquals("10.20.0.1", created.get("gateway_ip").asText());
    assertEquals("10.20.0.10", created.at("/allocation_pools/0/start").asText());
    assertEquals("10.20.0.53", created.at("/dns_nameservers/0").asText());
    assertEquals("10.20.0.254", created.at("/host_routes/0/nexthop").asText());

    JsonNode inNetwork = acme.get("/networks/" + network).json().at("/subnets/0");
    assertEquals(id, inNetwork.get("id").asText(), "the subnet is the network's subnet in /v1");
    assertEquals("10.20.0.99", inNetwork.at("/allocation_pools/0/end").asText());
    assertEquals("10.20.0.53", inNetwork.at("/dns_servers/0").asText());
    assertEquals(id, ok(acmeCli.run("network", "show", "app", "-f", "json")).at("/subnets/0").asText());

    assertEquals(id, ok(acmeCli.run("subnet", "show", "app-v4", "-f", "json")).get("id").asText(), "found by name");
    assertTrue(names(ok(acmeCli.run("subnet", "list", "--network", network, "-f", "json"))).contains("app-v4"));
    ok(acmeCli.run("subnet", "set", id, "--name", "app-main", "--no-dns-nameservers", "--dns-nameserver", "10.20.0.54", "--no-host-route"));
    JsonNode changed = acme.get("/networks/" + network).json().at("/subnets/0");
    assertEquals("app-main", changed.get("name").asText());
    assertEquals("[\"10.20.0.54\"]", changed.get("dns_servers").toString());
    assertEquals(0, changed.get("host_routes").size());

    refused(acmeCli.run("subnet", "create", "bad", "--network", "app", "--subnet-range", "10.21.0.0/33"), "Invalid input for cidr");
    refused(acmeCli.run("subnet", "create", "inside", "--network", "app", "--subnet-range", "10.20.0.128/25"), "overlaps");
    assertEquals(1, acme.get("/networks/" + network).json().get("subnets").size(), "refusals add no subnet");

    ok(acmeCli.run("subnet", "delete", "app-main"));
    assertEquals(0, acme.get("/networks/" + network).json().get("subnets").size());
  }

  @Test
  void portsWithFixedAddressesMacsPortSecurityAndAddressPairs() {
    String network = ok(acmeCli.run("network", "create", "vms", "-f", "json")).get("id").asText();
    String subnet = ok(acmeCli.run("subnet", "create", "vms-v4", "--network", "vms", "--subnet-range", "10.40.0.0/24", "-f", "json")).get("id").asText();
    JsonNode fixed = ok(acmeCli.run("port", "create", "fixed", "--network", "vms", "--fixed-ip", "subnet=vms-v4,ip-address=10.40.0.50",
        "--mac-address", "fa:16:3e:40:00:50", "-f", "json"));
    String fixedId = fixed.get("id").asText();
    assertEquals("10.40.0.50", fixed.at("/fixed_ips/0/ip_address").asText());
    assertEquals(subnet, fixed.at("/fixed_ips/0/subnet_id").asText());
    assertEquals("DOWN", fixed.get("status").asText(), "plugged nowhere yet");
    assertEquals("unbound", fixed.get("binding_vif_type").asText());
    JsonNode native1 = acme.get("/ports/" + fixedId).json();
    assertEquals("fa:16:3e:40:00:50", native1.get("mac_address").asText());
    assertEquals(network, native1.get("network_id").asText());
    assertEquals(1, native1.get("security_group_ids").size(), "the tenant's default group, as through /v1");

    JsonNode open = ok(acmeCli.run("port", "create", "open", "--network", "vms", "--disable-port-security", "-f", "json"));
    assertFalse(open.get("port_security_enabled").asBoolean());
    assertEquals(0, open.get("security_group_ids").size(), "port security off and no groups asked for: no default group");
    JsonNode paired = ok(acmeCli.run("port", "create", "paired", "--network", "vms", "--allowed-address",
        "ip-address=10.40.0.200,mac-address=fa:16:3e:40:02:00", "-f", "json"));
    assertEquals("10.40.0.200", acme.get("/ports/" + paired.get("id").asText()).json().at("/allowed_address_pairs/0/ip_address").asText());

    ok(acmeCli.run("port", "set", "fixed", "--name", "fixed-web"));
    assertEquals("fixed-web", acme.get("/ports/" + fixedId).json().get("name").asText());
    List<String> listed = names(ok(acmeCli.run("port", "list", "--network", "vms", "-f", "json")));
    assertEquals(Set.of("fixed-web", "open", "paired"), new HashSet<>(listed));

    refused(acmeCli.run("port", "create", "same-ip", "--network", "vms", "--fixed-ip", "ip-address=10.40.0.50"),
        "Unable to complete operation for network " + network + ". The IP address 10.40.0.50 is in use.");
    refused(acmeCli.run("port", "create", "same-mac", "--network", "vms", "--mac-address", "fa:16:3e:40:00:50"),
        "Unable to complete operation for network " + network + ". The mac address fa:16:3e:40:00:50 is in use.");
    String tiny = ok(acmeCli.run("network", "create", "tiny", "-f", "json")).get("id").asText();
    ok(acmeCli.run("subnet", "create", "tiny-v4", "--network", "tiny", "--subnet-range", "10.41.0.0/24", "--no-dhcp",
        "--allocation-pool", "start=10.41.0.10,end=10.41.0.10", "-f", "json"));
    ok(acmeCli.run("port", "create", "only", "--network", "tiny", "-f", "json"));
    refused(acmeCli.run("port", "create", "one-too-many", "--network", "tiny"), "No more IP addresses available on network " + tiny + ".");
    ok(acmeCli.run("port", "delete", "only"));
    ok(acmeCli.run("network", "delete", "tiny"));
    refused(acmeCli.run("network", "delete", "vms"), "There are one or more ports still in use on the network");
    refused(acmeCli.run("subnet", "delete", "vms-v4"), "One or more ports have an IP allocation from this subnet");
    assertEquals(3, names(ok(acmeCli.run("port", "list", "--network", "vms", "-f", "json"))).size(), "the refusals made no port");

    ok(acmeCli.run("port", "delete", "fixed-web", "open", "paired"));
    assertEquals(404, acme.get("/ports/" + fixedId).status());
    ok(acmeCli.run("network", "delete", "vms"));
  }

  @Test
  void securityGroupsAndRulesAreTenetsGroupsAndPortsUseThemByName() {
    JsonNode group = ok(acmeCli.run("security", "group", "create", "db", "--description", "database tier", "-f", "json"));
    String groupId = group.get("id").asText();
    assertEquals(2, group.get("rules").size(), "Neutron's two egress rules come with a new group");
    JsonNode rule = ok(acmeCli.run("security", "group", "rule", "create", "db", "--protocol", "tcp", "--dst-port", "5432", "--remote-group", "default",
        "-f", "json"));
    assertEquals(5432, rule.get("port_range_min").asInt());
    JsonNode native1 = acme.get("/security-groups/" + groupId).json();
    assertEquals("database tier", native1.get("description").asText());
    assertEquals(3, native1.get("rules").size(), "the rule is the group's rule in /v1");
    assertTrue(native1.get("rules").toString().contains("5432"), native1.toString());

    refused(acmeCli.run("security", "group", "rule", "create", "db", "--protocol", "tcp", "--dst-port", "5432", "--remote-group", "default"),
        "Security group rule already exists");
    refused(acmeCli.run("security", "group", "rule", "create", "db", "--protocol", "tcp", "--dst-port", "70000"), "port_range");
    assertEquals(3, acme.get("/security-groups/" + groupId).json().get("rules").size(), "refusals add no rule");

    String network = ok(acmeCli.run("network", "create", "guarded", "-f", "json")).get("id").asText();
    ok(acmeCli.run("subnet", "create", "guarded-v4", "--network", network, "--subnet-range", "10.50.0.0/24", "-f", "json"));
    JsonNode port = ok(acmeCli.run("port", "create", "pg", "--network", network, "--security-group", "db", "-f", "json"));
    assertEquals(List.of(groupId), ids(acme.get("/ports/" + port.get("id").asText()).json().get("security_group_ids")));
    refused(acmeCli.run("security", "group", "delete", "db"), "is used by 1 port");
    ok(acmeCli.run("port", "set", "pg", "--no-security-group", "--disable-port-security"));
    JsonNode open = acme.get("/ports/" + port.get("id").asText()).json();
    assertFalse(open.get("port_security_enabled").asBoolean());
    assertEquals(0, open.get("security_group_ids").size());

    ok(acmeCli.run("security", "group", "rule", "delete", rule.get("id").asText()));
    assertEquals(2, acme.get("/security-groups/" + groupId).json().get("rules").size());
    ok(acmeCli.run("security", "group", "set", "db", "--name", "database"));
    assertEquals("database", acme.get("/security-groups/" + groupId).json().get("name").asText());
    ok(acmeCli.run("security", "group", "delete", "database"));
    assertEquals(404, acme.get("/security-groups/" + groupId).status());
    assertFalse(names(ok(otherCli.run("security", "group", "list", "-f", "json"))).contains("db"), "never another tenant's groups");
  }

  /**
   * Routers with interfaces and routes, and floating IPs on an external network. No hypervisor is
   * linked to the physical network here, so a gateway is refused as Tenet refuses it (the data plane
   * of gateways and floating IPs is EdgeGatewayIT's).
   */
  @Test
  void routersInterfacesRoutesAndFloatingIps() {
    String network = ok(acmeCli.run("network", "create", "routed", "-f", "json")).get("id").asText();
    String subnet = ok(acmeCli.run("subnet", "create", "routed-v4", "--network", network, "--subnet-range", "10.60.0.0/24", "-f", "json")).get("id").asText();
    JsonNode router = ok(acmeCli.run("router", "create", "edge", "-f", "json"));
    String routerId = router.get("id").asText();
    assertTrue(router.get("distributed").asBoolean());
    ok(acmeCli.run("router", "add", "subnet", "edge", "routed-v4"));
    JsonNode native1 = acme.get("/routers/" + routerId).json();
    assertEquals(subnet, native1.at("/interfaces/0/subnet_id").asText());
    assertEquals("10.60.0.1", native1.at("/interfaces/0/ip_address").asText());
    assertEquals("10.60.0.1", ok(acmeCli.run("router", "show", "edge", "-f", "json")).at("/interfaces_info/0/ip_address").asText());

    ok(acmeCli.run("router", "set", "edge", "--route", "destination=192.168.60.0/24,gateway=10.60.0.254"));
    assertEquals("192.168.60.0/24", acme.get("/routers/" + routerId).json().at("/routes/0/destination").asText());
    refused(acmeCli.run("router", "remove", "subnet", "edge", "routed-v4"), "change the routes first");

    String external = ok(adminCli.run("network", "create", "internet", "--external", "--provider-network-type", "flat",
        "--provider-physical-network", "physnet9", "--extra-property", "type=str,name=project_id,value=" + otherTenantId, "-f", "json")).get("id").asText();
    ok(adminCli.run("subnet", "create", "internet-v4", "--network", external, "--subnet-range", "203.0.113.0/24", "-f", "json"));
    refused(acmeCli.run("router", "set", "edge", "--external-gateway", "internet"), "no hypervisor that may host gateways");
    JsonNode floating = ok(acmeCli.run("floating", "ip", "create", "internet", "-f", "json"));
    String address = floating.get("floating_ip_address").asText();
    assertTrue(address.startsWith("203.0.113."), floating.toString());
    assertEquals(address, acme.get("/floating-ips/" + floating.get("id").asText()).json().get("floating_ip_address").asText());
    assertTrue(ok(acmeCli.run("floating", "ip", "list", "-f", "json")).toString().contains(address));
    ok(acmeCli.run("floating", "ip", "delete", address));
    assertEquals(404, acme.get("/floating-ips/" + floating.get("id").asText()).status());

    ok(acmeCli.run("router", "unset", "edge", "--route", "destination=192.168.60.0/24,gateway=10.60.0.254"));
    ok(acmeCli.run("router", "remove", "subnet", "edge", "routed-v4"));
    assertEquals(0, acme.get("/routers/" + routerId).json().get("interfaces").size());
    ok(acmeCli.run("router", "delete", "edge"));
    assertEquals(404, acme.get("/routers/" + routerId).status());
  }

  /**
   * Tags through the client's --tag options and Neutron's tag API, on every taggable kind of
   * object: the same tags through /v1, lists filtered by them, and single tags added at once all kept.
   */
  @Test
  void tagsOnEveryKindOfObjectThroughEitherApiAndInListFilters() throws Exception {
    JsonNode network = ok(acmeCli.run("network", "create", "tagged", "--tag", "prod", "--tag", "blue", "-f", "json"));
    String id = network.get("id").asText();
    assertEquals("[\"blue\",\"prod\"]", network.get("tags").toString(), "sorted, as stored");
    assertEquals("[\"blue\",\"prod\"]", acme.get("/networks/" + id).json().get("tags").toString(), "the same tags through /v1");
    assertEquals(200, acme.put("/networks/" + id + "/tags", "{\"tags\":[\"gold\",\"prod\"]}").status());
    assertEquals("[\"gold\",\"prod\"]", ok(acmeCli.run("network", "show", "tagged", "-f", "json")).get("tags").toString(), "set through /v1");
    ok(acmeCli.run("network", "set", "tagged", "--tag", "extra"));
    ok(acmeCli.run("network", "unset", "tagged", "--tag", "gold"));
    assertEquals("[\"extra\",\"prod\"]", acme.get("/networks/" + id).json().get("tags").toString());
    ok(acmeCli.run("network", "create", "untagged", "-f", "json"));
    assertEquals(List.of("tagged"), names(ok(acmeCli.run("network", "list", "--tags", "extra,prod", "-f", "json"))));
    assertFalse(names(ok(acmeCli.run("network", "list", "--not-tags", "prod", "-f", "json"))).contains("tagged"));
    assertTrue(names(ok(acmeCli.run("network", "list", "--not-tags", "prod", "-f", "json"))).contains("untagged"));
    assertEquals(List.of("tagged"), names(ok(acmeCli.run("network", "list", "--any-tags", "nothing,extra", "-f", "json"))));

    JsonNode subnet = ok(acmeCli.run("subnet", "create", "tagged-v4", "--network", id, "--subnet-range", "10.70.0.0/24", "--tag", "web", "-f", "json"));
    assertEquals("[\"web\"]", subnet.get("tags").toString());
    ok(acmeCli.run("subnet", "set", "tagged-v4", "--name", "tagged-main", "--dns-nameserver", "10.70.0.53"));
    assertEquals("[\"web\"]", acme.get("/networks/" + id).json().at("/subnets/0/tags").toString(), "a rewrite of the subnet keeps its tags");
    assertEquals(List.of("tagged-main"), names(ok(acmeCli.run("subnet", "list", "--tags", "web", "-f", "json"))));

    String port = ok(acmeCli.run("port", "create", "tagged-port", "--network", id, "--tag", "vm-7", "-f", "json")).get("id").asText();
    assertEquals("[\"vm-7\"]", acme.get("/ports/" + port).json().get("tags").toString());
    assertEquals(List.of("tagged-port"), names(ok(acmeCli.run("port", "list", "--tags", "vm-7", "-f", "json"))));
    ok(acmeCli.run("security", "group", "create", "tagged-group", "--tag", "sec", "-f", "json"));
    assertEquals(List.of("tagged-group"), names(ok(acmeCli.run("security", "group", "list", "--tags", "sec", "-f", "json"))));
    String router = ok(acmeCli.run("router", "create", "tagged-router", "--tag", "edge", "-f", "json")).get("id").asText();
    ok(acmeCli.run("router", "set", "tagged-router", "--tag", "core"));
    assertEquals("[\"core\",\"edge\"]", acme.get("/routers/" + router).json().get("tags").toString());
    String external = ok(adminCli.run("network", "create", "tag-internet", "--external", "--provider-network-type", "flat",
        "--provider-physical-network", "physnet8", "--extra-property", "type=str,name=project_id,value=" + otherTenantId, "-f", "json")).get("id").asText();
    ok(adminCli.run("subnet", "create", "tag-internet-v4", "--network", external, "--subnet-range", "198.51.100.0/24", "-f", "json"));
    JsonNode floating = ok(acmeCli.run("floating", "ip", "create", "tag-internet", "--tag", "dns", "-f", "json"));
    assertEquals("[\"dns\"]", acme.get("/floating-ips/" + floating.get("id").asText()).json().get("tags").toString());
    assertEquals(1, ok(acmeCli.run("floating", "ip", "list", "--tags", "dns", "-f", "json")).size());

    refused(acmeCli.run("network", "set", "tagged", "--tag", "a,b"), "Invalid input for tags");
    refused(acmeCli.run("network", "set", "tag-internet", "--tag", "mine"), "only an administrator may change it");
    assertEquals("[\"extra\",\"prod\"]", acme.get("/networks/" + id).json().get("tags").toString(), "a refused tag changes nothing");
    ApiClient.Response empty = acme.put("/networks/" + id + "/tags", "{\"tags\":[\"\"]}");
    assertEquals(422, empty.status(), empty::toString);
    assertEquals("invalid_value", empty.errorCode(), empty::toString);

    // the tag API on the wire: one tag at a time, and many at once all kept
    String tags = "/v2.0/ports/" + port + "/tags";
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> adds = new ArrayList<>();
    for (int i = 0; i < 8; i++) adds.add(HTTP.sendAsync(neutron("PUT", tags + "/t" + i, acme.token(), null), HttpResponse.BodyHandlers.ofString()));
    for (var add : adds) assertEquals(201, add.get().statusCode(), add.get().body());
    assertEquals(9, acme.get("/ports/" + port).json().get("tags").size(), "eight tags added at once, and the one before");
    assertEquals(204, HTTP.send(neutron("GET", tags + "/t3", acme.token(), null), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(204, HTTP.send(neutron("DELETE", tags + "/t3", acme.token(), null), HttpResponse.BodyHandlers.ofString()).statusCode());
    HttpResponse<String> absent = HTTP.send(neutron("DELETE", tags + "/t3", acme.token(), null), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, absent.statusCode());
    assertEquals("TagNotFound", ApiClient.json(absent.body()).at("/NeutronError/type").asText());
    assertEquals(404, HTTP.send(neutron("PUT", tags + "/mine", other.token(), null), HttpResponse.BodyHandlers.ofString()).statusCode(),
        "another tenant's port is not found");
    HttpResponse<String> replaced = HTTP.send(neutron("PUT", tags, acme.token(), "{\"tags\": [\"only\"]}"), HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"tags\":[\"only\"]}", replaced.body());
    assertEquals(204, HTTP.send(neutron("DELETE", tags, acme.token(), null), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(0, acme.get("/ports/" + port).json().get("tags").size());
  }

  static HttpRequest neutron(String method, String path, String token, String body) {
    return HttpRequest.newBuilder(URI.create(node.neutronUrl() + path)).header("X-Auth-Token", token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Subnets created at once on one network are all kept: each rewrite of the network's list starts again when another came first. */
  @Test
  void concurrentSubnetCreatesOnOneNetworkAreAllKept() throws Exception {
    String network = acmeOrOther(acme.post("/networks", "{\"name\":\"busy\"}"));
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String body = "{\"subnet\": {\"network_id\": \"" + network + "\", \"cidr\": \"10.30." + i + ".0/24\", \"ip_version\": 4}}";
      creates.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(node.neutronUrl() + "/v2.0/subnets")).header("X-Auth-Token", acme.token())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (var create : creates) assertEquals(201, create.get().statusCode(), create.get().body());
    assertEquals(6, acme.get("/networks/" + network).json().get("subnets").size());
  }

  @Test
  void refusalsExitOneWithNeutronsMessageAndChangeNothing() {
    String theirs = acmeOrOther(other.post("/networks", "{\"name\":\"theirs\"}"));
    List<String> before = names(ok(acmeCli.run("network", "list", "-f", "json")));

    refused(acmeCli.run("network", "create", "shared-net", "--share"), "Invalid input for shared");
    refused(acmeCli.run("network", "create", "described", "--description", "a note"), "Invalid input for description");
    refused(acmeCli.run("network", "create", "outside", "--external"), "only an administrator may create an external network");
    refused(acmeCli.run("network", "show", "no-such-network"), "No Network found for no-such-network");
    refused(acmeCli.run("network", "show", theirs), "No Network found for " + theirs);
    refused(acmeCli.run("network", "delete", theirs), theirs);
    refused(acmeCli.run("network", "set", theirs, "--name", "mine"), theirs);

    assertEquals(before, names(ok(acmeCli.run("network", "list", "-f", "json"))), "nothing was created");
    assertEquals("theirs", other.get("/networks/" + theirs).json().get("name").asText(), "nothing of the other tenant changed");
  }

  @Test
  void aTenantSeesItsOwnNetworksAndExternalOnesOnly() throws Exception {
    ok(acmeCli.run("network", "create", "acme-only", "-f", "json"));
    ok(otherCli.run("network", "create", "other-only", "-f", "json"));
    JsonNode external = ok(adminCli.run("network", "create", "public", "--external", "--provider-network-type", "flat",
        "--provider-physical-network", "physnet1", "--extra-property", "type=str,name=project_id,value=" + otherTenantId, "-f", "json"));
    assertTrue(external.get("router:external").asBoolean());
    assertEquals("flat", external.get("provider:network_type").asText());

    List<String> seen = names(ok(acmeCli.run("network", "list", "-f", "json")));
    assertTrue(seen.contains("acme-only") && seen.contains("public"), "its own and the external network: " + seen);
    assertFalse(seen.contains("other-only"), "never another tenant's: " + seen);
    List<String> externals = names(ok(acmeCli.run("network", "list", "--external", "-f", "json")));
    assertTrue(externals.contains("public") && !externals.contains("acme-only"), "only external networks: " + externals);
    JsonNode raw = get("/v2.0/networks?fields=id&fields=name&fields=tenant_id", acme.token()).body();
    for (JsonNode network : raw.get("networks")) assertFalse(network.get("name").asText().equals("other-only"), raw.toString());
    List<String> all = names(ok(adminCli.run("network", "list", "-f", "json")));
    assertTrue(all.containsAll(List.of("acme-only", "other-only", "public")), "the administrator sees every network: " + all);
  }

  /** A short openstacksdk script (the system's python3) creates, lists and deletes through Tenet; /v1 saw what it made. */
  @Test
  void theOpenStackSdkListsAndCreates() throws Exception {
    java.nio.file.Path script = java.nio.file.Files.createTempFile("sdk_smoke", ".py");
    try (java.io.InputStream in = NeutronApiIT.class.getResourceAsStream("/neutron/sdk_smoke.py")) {
      java.nio.file.Files.write(script, in.readAllBytes());
      Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), node.neutronUrl(), acme.token()).redirectErrorStream(true).start();
      String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(python.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), output);
      assertEquals(0, python.exitValue(), output);
      List<String> lines = output.lines().toList();
      String[] created = lines.stream().filter(line -> line.startsWith("created ")).findFirst().orElseThrow().split(" ");
      assertTrue(created[4].startsWith("10.77.0."), output);
      assertTrue(lines.contains("ports sdk-port"), output);
      assertTrue(lines.stream().anyMatch(line -> line.startsWith("networks ") && line.contains("sdk-net")), output);
      assertTrue(lines.stream().anyMatch(line -> line.startsWith("groups ") && line.contains("default")), output);
      assertTrue(lines.contains("deleted"), output);
      assertEquals(404, acme.get("/networks/" + created[1]).status(), "the network it deleted is gone from /v1 too");
    } finally {
      java.nio.file.Files.deleteIfExists(script);
    }
  }

  /** Whatever acme made, no collection shows it to the other tenant, nor any single object of it. */
  @Test
  void aTenantsTokenNeverSeesAnotherTenantsObjects() throws Exception {
    String network = acmeOrOther(acme.post("/networks", "{\"name\":\"secret\",\"subnets\":[{\"cidr\":\"10.90.0.0/24\"}]}"));
    String port = acmeOrOther(acme.post("/ports", "{\"network_id\":\"" + network + "\",\"name\":\"secret-port\"}"));
    String group = acmeOrOther(acme.post("/security-groups", "{\"name\":\"secret-group\",\"rules\":[{\"direction\":\"ingress\",\"protocol\":\"icmp\"}]}"));
    String router = acmeOrOther(acme.post("/routers", "{\"name\":\"secret-router\"}"));
    String acmeTenant = acme.get("/networks/" + network).json().get("tenant_id").asText();
    for (String collection : List.of("networks", "subnets", "ports", "security_groups", "security_group_rules", "routers", "floatingips")) {
      Wire listed = get("/v2.0/" + collection.replace("security_group", "security-group").replace("_rules", "-rules"), other.token());
      assertEquals(200, listed.status(), collection + ": " + listed.body());
      for (JsonNode item : listed.body().get(collection)) {
        assertFalse(acmeTenant.equals(item.path("tenant_id").asText()), collection + " shows acme's " + item);
      }
    }
    for (String path : List.of("/v2.0/networks/" + network, "/v2.0/ports/" + port, "/v2.0/security-groups/" + group, "/v2.0/routers/" + router)) {
      assertEquals(404, get(path, other.token()).status(), path + " answers like a missing object");
    }
    assertTrue(get("/v2.0/ports/" + port, acme.token()).status() == 200, "acme itself sees it");
  }

  @Test
  void versionDiscoveryPagesFieldsAndErrorsOnTheWire() throws Exception {
    java.util.Set<String> requestIds = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answered = HTTP.send(HttpRequest.newBuilder(URI.create(node.neutronUrl() + "/v2.0/networks")).header("X-Auth-Token", acme.token())
          .build(), HttpResponse.BodyHandlers.ofString());
      requestIds.add(answered.headers().firstValue("X-Openstack-Request-Id").orElse(""));
    }
    assertEquals(3, requestIds.size(), "each request its own id: " + requestIds);

    Wire versions = get("/", null);
    assertEquals(200, versions.status());
    assertEquals(node.neutronUrl() + "/v2.0/", versions.body().at("/versions/0/links/0/href").asText());

    assertEquals(403, get("/v2.0/agents", acme.token()).status(), "agents are the administrator's");
    assertEquals(0, get("/v2.0/agents", NodeProcess.ADMIN_TOKEN).body().get("agents").size(), "no hypervisor here");

    Wire unauthenticated = get("/v2.0/networks", null);
    assertEquals(401, unauthenticated.status());
    assertEquals("HTTPUnauthorized", unauthenticated.body().at("/NeutronError/type").asText());

    ApiClient pager = admin.as(createTenant("pager").get("token").asText());
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) created.add(acmeOrOther(pager.post("/networks", "{\"name\":\"page-" + i + "\"}")));
    Set<String> paged = new HashSet<>();
    String next = "/v2.0/networks?limit=2&fields=id&fields=name";
    int pages = 0;
    while (next != null) {
      Wire page = get(next, pager.token());
      assertEquals(200, page.status(), page.body()::toString);
      JsonNode networks = page.body().get("networks");
      assertTrue(networks.size() <= 2, page.body().toString());
      networks.forEach(network -> {
        assertEquals(Set.of("id", "name"), fieldNames(network), "only the fields asked for");
        paged.add(network.get("id").asText());
      });
      next = null;
      for (JsonNode link : page.body().path("networks_links")) {
        if (link.get("rel").asText().equals("next")) next = link.get("href").asText().substring(node.neutronUrl().length());
      }
      pages++;
    }
    assertEquals(created, paged, "every network once, over the pages");
    assertEquals(3, pages);

    Wire missing = get("/v2.0/networks/00000000-0000-0000-0000-000000000000", pager.token());
    assertEquals(404, missing.status());
    assertEquals("NetworkNotFound", missing.body().at("/NeutronError/type").asText());
    assertEquals("Network 00000000-0000-0000-0000-000000000000 could not be found.", missing.body().at("/NeutronError/message").asText());

    // counted in the node's metrics like /v1's requests, by route template, never by id
    String metrics = new ApiClient(node.baseUrl().substring(0, node.baseUrl().length() - "/v1".length()), null).get("/metrics").body();
    assertTrue(metrics.contains("tenet_api_requests_total{method=\"GET\",route=\"/v2.0/networks\",status=\"200\"}"), metrics);
    assertTrue(metrics.contains("tenet_api_requests_total{method=\"GET\",route=\"/v2.0/networks/{id}\",status=\"404\"}"), metrics);
    assertTrue(metrics.contains("tenet_api_requests_total{method=\"GET\",route=\"/v2.0/networks\",status=\"401\"}"), "refusals too: " + metrics);
    assertFalse(metrics.contains("00000000-0000-0000-0000-000000000000"), "no id as a label");
  }

  record Wire(int status, JsonNode body) {}

  static Wire get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.neutronUrl() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) request.header("X-Auth-Token", token);
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), response.body());
    return new Wire(response.statusCode(), ApiClient.json(response.body()));
  }

  static String acmeOrOther(ApiClient.Response created) {
    assertEquals(201, created.status(), created::toString);
    return created.json().get("id").asText();
  }

  static List<String> names(JsonNode listed) {
    List<String> names = new ArrayList<>();
    listed.forEach(row -> names.add(row.get("Name").asText()));
    return names;
  }

  static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(id -> ids.add(id.asText()));
    return ids;
  }

  static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
