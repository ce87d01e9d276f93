package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.cli.TenetCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenet CLI against a running node: every command, table and JSON output, names for ids, and the exit codes 0, 1 and 2. */
class TenetCliIT {
  static NodeProcess node;
  static Path home;
  static String tenantToken;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startNode() throws Exception {
    node = NodeProcess.start("cli");
    home = Files.createTempDirectory("tenet-cli-home");
    Run created = tenet(Map.of("TENET_URL", node.baseUrl(), "TENET_TOKEN", NodeProcess.ADMIN_TOKEN), "tenant", "create", "acme", "-o", "json");
    assertEquals(0, created.exit(), created.err());
    tenantToken = ApiClient.json(created.out()).path("token").asText();
    // the tenant's own settings from the config file, as an operator keeps them
    Files.createDirectories(home.resolve(".tenet"));
    Files.writeString(home.resolve(".tenet/config"), "url=" + node.baseUrl() + "\ntoken=" + tenantToken + "\n");
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
    if (home != null) NodeProcess.deleteTree(home);
  }

  static Run tenet(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TenetCli.commandLine(env, home, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Run tenet(String... args) {
    return tenet(Map.of(), args);
  }

  @Test
  void networksAndPortsByNameWithTablesAndJson() {
    Run created = tenet("network", "create", "web", "--cidr", "10.0.0.0/24", "--dns", "10.0.0.53");
    assertEquals(0, created.exit(), created.err());
    assertTrue(created.out().contains("10.0.0.0/24"), created.out());
    Run list = tenet("network", "list");
    assertEquals(0, list.exit());
    assertTrue(list.out().lines().findFirst().orElse("").matches("ID\\s+NAME\\s+VNI\\s+SUBNETS\\s+EXTERNAL\\s+REALIZATION"), "a header line: " + list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.contains("web") && l.contains("10.0.0.0/24")), list.out());

    Run port = tenet("port", "create", "--network", "web", "--name", "vm1", "--ip", "10.0.0.10", "-o", "json");
    assertEquals(0, port.exit(), port.err());
    assertEquals("10.0.0.10", ApiClient.json(port.out()).at("/fixed_ips/0/ip_address").asText());
    Run ports = tenet("port", "list", "--network", "web");
    assertTrue(ports.out().lines().anyMatch(l -> l.contains("vm1") && l.contains("10.0.0.10") && l.contains("DOWN")), ports.out());
    Run shown = tenet("port", "show", "vm1");
    assertEquals(0, shown.exit(), shown.err());
    assertTrue(shown.out().lines().anyMatch(l -> l.startsWith("mac_address") && l.contains("fa:16:3e")), shown.out());
    assertEquals(0, tenet("network", "show", "web", "-o", "json").exit());
    // realization: no datapath hosts the network, so there is nothing to wait for
    Run status = tenet("status", "port", "vm1");
    assertEquals(0, status.exit(), status.err());
    assertTrue(status.out().startsWith("port ") && status.out().contains(": realized (desired version "), status.out());
    assertTrue(status.out().contains("nothing to wait for"), status.out());
    assertEquals("realized", ApiClient.json(tenet("status", "network", "web", "-o", "json").out()).path("state").asText());
    Run unknown = tenet("status", "port", "no-such-port");
    assertEquals(1, unknown.exit());

    // the API refuses: exit 1 with its sentence
    Run inUse = tenet("port", "create", "--network", "web", "--ip", "10.0.0.10");
    assertEquals(1, inUse.exit());
    assertTrue(inUse.err().contains("ip_in_use"), inUse.err());
    Run notEmpty = tenet("network", "delete", "web");
    assertEquals(1, notEmpty.exit());
    assertTrue(notEmpty.err().contains("network_has_ports"), notEmpty.err());

    assertEquals(0, tenet("port", "delete", "vm1").exit());
    assertEquals(0, tenet("network", "delete", "web").exit());
    Run gone = tenet("network", "show", "web");
    assertEquals(1, gone.exit());
    assertTrue(gone.err().contains("not_found"), gone.err());
  }

  @Test
  void routersGetInterfacesOnNetworksAndSecurityGroupsComeAndGo() {
    assertEquals(0, tenet("network", "create", "inner", "--cidr", "10.5.0.0/24").exit());
    assertEquals(0, tenet("router", "create", "edge").exit());
    Run attached = tenet("router", "add-interface", "edge", "--network", "inner", "-o", "json");
    assertEquals(0, attached.exit(), attached.err());
    String subnet = ApiClient.json(attached.out()).at("/interfaces/0/subnet_id").asText();
    assertEquals("10.5.0.1", ApiClient.json(attached.out()).at("/interfaces/0/ip_address").asText(), "the subnet's gateway by default");
    // no datapath routes for it (no VM is plugged): realized, nothing to wait for
    Run routerStatus = tenet("status", "router", "edge");
    assertEquals(0, routerStatus.exit(), routerStatus.err());
    assertTrue(routerStatus.out().startsWith("router ") && routerStatus.out().contains(": realized") && routerStatus.out().contains("nothing to wait for"),
        routerStatus.out());
    Run routers = tenet("router", "list");
    assertTrue(routers.out().lines().anyMatch(l -> l.contains("edge") && l.contains("10.5.0.1")), routers.out());
    Run busy = tenet("network", "delete", "inner");
    assertEquals(1, busy.exit(), "the router's interface is a port of the network");
    assertEquals(0, tenet("router", "remove-interface", "edge", "--subnet", subnet).exit());
    assertEquals(0, tenet("router", "delete", "edge").exit());
    assertEquals(0, tenet("network", "delete", "inner").exit());

    Run group = tenet("security-group", "create", "web", "--description", "front ends");
    assertEquals(0, group.exit(), group.err());
    Run groups = tenet("security-group", "list");
    assertTrue(groups.out().lines().anyMatch(l -> l.contains("web") && l.contains("front ends")), groups.out());
    assertTrue(groups.out().lines().anyMatch(l -> l.contains("default")), "every tenant has its default group: " + groups.out());
    assertEquals(0, tenet("security-group", "show", "web").exit());
    Run groupStatus = tenet("status", "security-group", "web");
    assertEquals(0, groupStatus.exit(), groupStatus.err());
    assertTrue(groupStatus.out().startsWith("security group ") && groupStatus.out().contains(": realized") && groupStatus.out().contains("nothing to wait for"),
        groupStatus.out());
    assertEquals(0, tenet("security-group", "delete", "web").exit());
    assertEquals(1, tenet("security-group", "show", "web").exit());
  }

  @Test
  void networksPortsRoutersAndGroupsChangeWithSet() {
    assertEquals(0, tenet("network", "create", "blue", "--cidr", "10.7.0.0/24").exit());
    Run renamed = tenet("network", "set", "blue", "--name", "navy", "--mtu", "1400", "-o", "json");
    assertEquals(0, renamed.exit(), renamed.err());
    assertEquals("navy", ApiClient.json(renamed.out()).path("name").asText());
    assertEquals(1400, ApiClient.json(renamed.out()).path("mtu").asInt());
    Run badMtu = tenet("network", "set", "navy", "--mtu", "10");
    assertEquals(1, badMtu.exit(), "the API refuses, and says why");
    assertTrue(badMtu.err().contains("mtu"), badMtu.err());
    assertEquals(1400, ApiClient.json(tenet("network", "show", "navy", "-o", "json").out()).path("mtu").asInt(), "a refused change changes nothing");

    assertEquals(0, tenet("security-group", "create", "ssh").exit());
    assertEquals(0, tenet("port", "create", "--network", "navy", "--name", "db", "--security-group", "ssh").exit());
    Run port = tenet("port", "show", "db", "-o", "json");
    String ssh = ApiClient.json(tenet("security-group", "show", "ssh", "-o", "json").out()).path("id").asText();
    assertEquals(ssh, ApiClient.json(port.out()).at("/security_group_ids/0").asText());
    Run open = tenet("port", "set", "db", "--no-security-groups", "--port-security", "false", "--name", "db2", "-o", "json");
    assertEquals(0, open.exit(), open.err());
    assertEquals(0, ApiClient.json(open.out()).path("security_group_ids").size());
    assertEquals(false, ApiClient.json(open.out()).path("port_security_enabled").asBoolean(true));
    assertEquals("db2", ApiClient.json(open.out()).path("name").asText());

    assertEquals(0, tenet("router", "create", "r1").exit());
    Run router = tenet("router", "set", "r1", "--name", "r2", "-o", "json");
    assertEquals(0, router.exit(), router.err());
    assertEquals("r2", ApiClient.json(router.out()).path("name").asText());
    Run group = tenet("security-group", "set", "ssh", "--description", "admins only", "-o", "json");
    assertEquals("admins only", ApiClient.json(group.out()).path("description").asText());

    Run tagged = tenet("network", "tag", "navy", "prod", "blue", "-o", "json");
    assertEquals(0, tagged.exit(), tagged.err());
    assertEquals("[\"blue\",\"prod\"]", ApiClient.json(tagged.out()).path("tags").toString());
    for (String[] kind : new String[][] {{"port", "db2"}, {"router", "r2"}, {"security-group", "ssh"}}) {
      Run one = tenet(kind[0], "tag", kind[1], "mine", "-o", "json");
      assertEquals("[\"mine\"]", ApiClient.json(one.out()).path("tags").toString(), kind[0] + ": " + one);
    }
    Run badTag = tenet("network", "tag", "navy", "a,b");
    assertEquals(1, badTag.exit(), "the API refuses, and says why");
    assertTrue(badTag.err().contains("comma"), badTag.err());
    assertEquals(0, ApiClient.json(tenet("network", "tag", "navy", "-o", "json").out()).path("tags").size(), "no tag given: none left");

    assertEquals(0, tenet("port", "delete", "db2").exit());
    assertEquals(0, tenet("router", "delete", "r2").exit());
    assertEquals(0, tenet("security-group", "delete", "ssh").exit());
    assertEquals(0, tenet("network", "delete", "navy").exit());
  }

  @Test
  void securityGroupRulesAreAddedListedAndRemoved() {
    assertEquals(0, tenet("security-group", "create", "front").exit());
    Run http = tenet("security-group", "add-rule", "front", "--direction", "ingress", "--protocol", "tcp", "--port", "80", "--remote-ip", "0.0.0.0/0", "-o", "json");
    assertEquals(0, http.exit(), http.err());
    String httpRule = ApiClient.json(http.out()).path("id").asText();
    assertEquals(80, ApiClient.json(http.out()).path("port_range_min").asInt());
    Run range = tenet("security-group", "add-rule", "front", "--direction", "ingress", "--protocol", "udp", "--port", "5000:5010", "--remote-group", "front");
    assertEquals(0, range.exit(), range.err());
    Run rules = tenet("security-group", "rules", "front");
    assertEquals(0, rules.exit(), rules.err());
    assertTrue(rules.out().lines().findFirst().orElse("").startsWith("ID"), rules.out());
    assertTrue(rules.out().lines().anyMatch(l -> l.contains(httpRule) && l.contains("tcp") && l.contains("80") && l.contains("0.0.0.0/0")), rules.out());
    assertTrue(rules.out().lines().anyMatch(l -> l.contains("udp") && l.contains("5000:5010")), rules.out());

    Run badPort = tenet("security-group", "add-rule", "front", "--direction", "ingress", "--protocol", "tcp", "--port", "70000");
    assertEquals(1, badPort.exit(), "the API checks the bounds");
    Run badDirection = tenet("security-group", "add-rule", "front", "--direction", "sideways");
    assertEquals(1, badDirection.exit());
    assertTrue(badDirection.err().contains("direction"), badDirection.err());
    assertEquals(2, ApiClient.json(tenet("security-group", "show", "front", "-o", "json").out()).path("rules").size(), "refused rules change nothing");

    assertEquals(0, tenet("security-group", "remove-rule", "front", httpRule).exit());
    Run again = tenet("security-group", "remove-rule", "front", httpRule);
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("not_found"), again.err());
    assertEquals(1, ApiClient.json(tenet("security-group", "show", "front", "-o", "json").out()).path("rules").size());
    assertEquals(0, tenet("security-group", "delete", "front").exit());
  }

  @Test
  void yamlIsTheSameDocumentAsJson() throws Exception {
    assertEquals(0, tenet("network", "create", "yamlnet", "--cidr", "10.9.0.0/24").exit());
    Run json = tenet("network", "show", "yamlnet", "-o", "json");
    Run yaml = tenet("network", "show", "yamlnet", "-o", "yaml");
    assertEquals(0, yaml.exit(), yaml.err());
    assertTrue(yaml.out().contains("name: yamlnet"), yaml.out());
    assertEquals(ApiClient.json(json.out()), new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml.out()));
    Run list = tenet("network", "list", "-o", "yaml");
    assertTrue(list.out().startsWith("- "), "a list is a YAML sequence: " + list.out());
    assertEquals(0, tenet("network", "delete", "yamlnet").exit());
  }

  @Test
  void aNameTwoNetworksShareIsRefusedAndAnIdWorks() {
    String first = ApiClient.json(tenet("network", "create", "twin", "--cidr", "10.1.0.0/24", "-o", "json").out()).path("id").asText();
    assertEquals(0, tenet("network", "create", "twin", "--cidr", "10.2.0.0/24").exit());
    Run ambiguous = tenet("network", "show", "twin");
    assertEquals(1, ambiguous.exit());
    assertTrue(ambiguous.err().contains("ambiguous"), ambiguous.err());
    Run byId = tenet("network", "show", first);
    assertEquals(0, byId.exit(), byId.err());
    assertTrue(byId.out().contains("10.1.0.0/24"));
  }

  @Test
  void administratorsListTenantsAndDatapaths() {
    Map<String, String> admin = Map.of("TENET_TOKEN", NodeProcess.ADMIN_TOKEN);
    Run tenants = tenet(admin, "tenant", "list");
    assertEquals(0, tenants.exit(), tenants.err());
    assertTrue(tenants.out().contains("acme"), tenants.out());
    Run datapaths = tenet(admin, "datapath", "list");
    assertEquals(0, datapaths.exit(), datapaths.err());
    assertTrue(datapaths.out().startsWith("DATAPATH"), datapaths.out());
    Run unknown = tenet(admin, "datapath", "show", "00000000000000ff");
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("not_found"), unknown.err());
    // a tenant's token does not see datapaths
    assertEquals(1, tenet("datapath", "list").exit());

    String acme = ApiClient.json(tenet(admin, "tenant", "list", "-o", "json").out()).findValuesAsText("id").get(0);
    Run tenant = tenet(admin, "tenant", "show", "acme", "-o", "json");
    assertEquals(0, tenant.exit(), tenant.err());
    assertEquals(acme, ApiClient.json(tenant.out()).path("id").asText());
  }

  @Test
  void administratorsMakeExternalNetworksThatTenantsSeeButCannotMake() {
    Map<String, String> admin = Map.of("TENET_TOKEN", NodeProcess.ADMIN_TOKEN);
    String acme = ApiClient.json(tenet(admin, "tenant", "show", "acme", "-o", "json").out()).path("id").asText();
    Run refused = tenet("network", "create", "public", "--cidr", "203.0.113.0/24", "--external", "--provider-type", "flat", "--physical-network", "physnet1");
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("admin_only") && refused.err().contains("only an administrator"), refused.err());
    Run created = tenet(admin, "network", "create", "public-vlan", "--cidr", "198.51.100.0/24", "--no-dhcp", "--tenant", acme, "--external",
        "--provider-type", "vlan", "--physical-network", "physnet1", "--segmentation-id", "200", "-o", "json");
    assertEquals(0, created.exit(), created.err());
    assertEquals(200, ApiClient.json(created.out()).at("/provider/segmentation_id").asInt());
    Run clash = tenet(admin, "network", "create", "clash", "--cidr", "192.0.2.0/24", "--tenant", acme, "--external",
        "--provider-type", "vlan", "--physical-network", "physnet1", "--segmentation-id", "200");
    assertEquals(1, clash.exit());
    assertTrue(clash.err().contains("segment_in_use"), clash.err());
    Run listed = tenet("network", "list");
    assertTrue(listed.out().lines().anyMatch(l -> l.contains("public-vlan") && l.contains("true")), listed.out());
    // a tenant's router may take it as its way out, where a gateway hypervisor can carry it (none reaches physnet1 here)
    assertEquals(0, tenet("router", "create", "to-public").exit());
    Run noHost = tenet("router", "set", "to-public", "--external-gateway", "public-vlan");
    assertEquals(1, noHost.exit());
    assertTrue(noHost.err().contains("no_gateway_host"), noHost.err());
    assertEquals(2, tenet("router", "set", "to-public", "--no-snat").exit(), "--no-snat alone is a usage error");
    assertEquals(2, tenet("router", "set", "to-public", "--gateway-host", "hv2=100").exit(), "--gateway-host alone is a usage error");
    Run namedByTenant = tenet("router", "set", "to-public", "--external-gateway", "public-vlan", "--gateway-host", "hv2=100");
    assertEquals(1, namedByTenant.exit());
    assertTrue(namedByTenant.err().contains("admin_only"), "only an administrator names a gateway's hosts: " + namedByTenant.err());
    assertEquals(0, tenet("router", "set", "to-public", "--no-external-gateway").exit());
    // floating IPs: allocated from it, found by address, refused for a port no router of it reaches
    Run floating = tenet("floating-ip", "create", "--network", "public-vlan", "--address", "198.51.100.30", "-o", "json");
    assertEquals(0, floating.exit(), floating.err());
    assertTrue(tenet("floating-ip", "list").out().contains("198.51.100.30"));
    assertEquals(0, tenet("floating-ip", "show", "198.51.100.30").exit());
    assertEquals(0, tenet("network", "create", "behind", "--cidr", "10.66.0.0/24").exit());
    assertEquals(0, tenet("port", "create", "--network", "behind", "--name", "lonely").exit());
    Run unreachable = tenet("floating-ip", "set", "198.51.100.30", "--port", "lonely");
    assertEquals(1, unreachable.exit());
    assertTrue(unreachable.err().contains("external_unreachable"), unreachable.err());
    assertEquals(2, tenet("floating-ip", "set", "198.51.100.30").exit(), "--port or --no-port");
    assertEquals(0, tenet("floating-ip", "delete", "198.51.100.30").exit());
    // a layer-2 gateway: administrators only, and only where a gateway hypervisor reaches the physical network (none here)
    Run bridgedByTenant = tenet("l2-gateway", "create", "--network", "behind", "--physical-network", "physnet1", "--vlan", "300");
    assertEquals(1, bridgedByTenant.exit());
    assertTrue(bridgedByTenant.err().contains("admin_only"), bridgedByTenant.err());
    Run noBridgeHost = tenet(admin, "l2-gateway", "create", "--network", ApiClient.json(tenet("network", "show", "behind", "-o", "json").out()).path("id").asText(),
        "--physical-network", "physnet1", "--vlan", "300");
    assertEquals(1, noBridgeHost.exit());
    assertTrue(noBridgeHost.err().contains("no_gateway_host"), noBridgeHost.err());
    assertEquals(2, tenet(admin, "l2-gateway", "create", "--network", "behind", "--physical-network", "physnet1").exit(), "--vlan is required");
    assertEquals("", tenet(admin, "l2-gateway", "list", "-o", "json").out().replaceAll("[\\s\\[\\]]", ""), "nothing was made");
    assertEquals(0, tenet("port", "create", "--network", "behind", "--name", "rack-host", "--mac-address", "02:00:00:0e:02:30").exit());
    assertTrue(tenet("port", "show", "rack-host").out().contains("02:00:00:0e:02:30"));
    assertEquals(0, tenet("port", "delete", "rack-host").exit());
    assertEquals(0, tenet("port", "delete", "lonely").exit());
    assertEquals(0, tenet("network", "delete", "behind").exit());
    assertEquals(0, tenet("router", "delete", "to-public").exit());
    assertEquals(0, tenet(admin, "network", "delete", "public-vlan").exit());
  }

  @Test
  void aTraceFromAnUnpluggedPortIsRefusedWithItsReason() {
    assertEquals(0, tenet("network", "create", "traced", "--cidr", "10.7.0.0/24").exit());
    assertEquals(0, tenet("port", "create", "--network", "traced", "--name", "unplugged", "--ip", "10.7.0.10").exit());
    Run unbound = tenet("trace", "--from", "unplugged", "--to", "10.7.0.11");
    assertEquals(1, unbound.exit(), unbound.out());
    assertTrue(unbound.err().contains("port_not_bound") && unbound.err().contains("not plugged"), unbound.err());
    Run badPort = tenet("trace", "--from", "unplugged", "--to", "10.7.0.11", "--proto", "icmp", "--dport", "80");
    assertEquals(1, badPort.exit());
    assertTrue(badPort.err().contains("ports_need_tcp_or_udp"), badPort.err());
    Run badProto = tenet("trace", "--from", "unplugged", "--to", "10.7.0.11", "--proto", "sctp");
    assertTrue(badProto.exit() == 1 && badProto.err().contains("invalid_protocol"), badProto.err());
    Run unknown = tenet("trace", "--from", "no-such-port", "--to", "10.7.0.11");
    assertTrue(unknown.exit() == 1 && unknown.err().contains("not_found"), unknown.err());
    assertEquals(2, tenet("trace", "--to", "10.7.0.11").exit(), "--from is required");
  }

  @Test
  void administratorsSeeTheClusterStatus() {
    Map<String, String> admin = Map.of("TENET_TOKEN", NodeProcess.ADMIN_TOKEN);
    Run status = tenet(admin, "cluster", "status");
    assertEquals(0, status.exit(), status.err());
    assertTrue(status.out().startsWith("answered by "), status.out());
    assertTrue(status.out().lines().anyMatch(l -> l.matches("ADDRESS\\s+STATUS\\s+REACHABLE.*")), status.out());
    assertTrue(status.out().lines().anyMatch(l -> l.contains(" up ") && l.contains("yes") && l.contains("*")), "one member, up, reachable, the leader: " + status.out());
    Run json = tenet(admin, "cluster", "status", "-o", "json");
    assertEquals(1, ApiClient.json(json.out()).path("members").size());
    assertTrue(ApiClient.json(json.out()).at("/members/0/entities").asInt() > 0, "the node hosts at least the tenant's entities: " + json.out());
    Run tenantAsks = tenet("cluster", "status");
    assertEquals(1, tenantAsks.exit());
    assertTrue(tenantAsks.err().contains("not_found"), tenantAsks.err());
  }

  @Test
  void usageErrorsExitTwo() {
    Run missing = tenet("network", "create", "web");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("--cidr"), missing.err());
    assertEquals(2, tenet("nonsense").exit());
    assertEquals(2, tenet("network", "list", "-o", "xml").exit());
    Run noToken = tenet(Map.of("TENET_URL", node.baseUrl()), "network", "list");
    // the config file has a token; an empty home has none
    assertEquals(0, noToken.exit(), noToken.err());
    Run help = tenet("port", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("create") && help.out().contains("list"), help.out());
  }

  @Test
  void aNodeThatCannotBeReachedIsAnApiErrorNotACrash() {
    Run down = tenet(Map.of("TENET_URL", "http://127.0.0.1:1/v1", "TENET_TOKEN", "x"), "network", "list");
    assertEquals(1, down.exit());
    assertTrue(down.err().contains("cannot reach"), down.err());
  }
}
