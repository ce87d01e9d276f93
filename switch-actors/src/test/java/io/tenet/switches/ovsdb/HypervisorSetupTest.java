package io.tenet.switches.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transact ops HypervisorSetup builds, as JSON, from monitor contents given as table-updates (no OVS). */
class HypervisorSetupTest {
  static final List<String> CONTROLLERS = List.of("tcp:10.0.0.1:6653", "tcp:10.0.0.2:6653");
  static final String OVS_ROW = """
      {"Open_vSwitch":{"0b1e0000-0000-0000-0000-000000000001":{"new":{"external_ids":["map",[
        ["tenet-datapath-type","netdev"],["tenet-encap-ip","172.31.99.1"],["tenet-encap-type","%s"]]]}}}}""";

  static JsonNode json(String text) throws Exception {
    return Ovsdb.JSON.readTree(text);
  }

  static OvsdbCache cache(String... tableUpdates) throws Exception {
    OvsdbCache cache = new OvsdbCache();
    for (String update : tableUpdates) cache.apply(json(update));
    return cache;
  }

  /** br-int as the first run left it (vxlan, both controllers). */
  static final String EXISTING = """
      {"Bridge":{"b0000000-0000-0000-0000-000000000001":{"new":{"name":"br-int","datapath_id":"0000aabbccddeeff","datapath_type":"netdev",
         "fail_mode":"secure","protocols":"OpenFlow13",
         "controller":["set",[["uuid","c0000000-0000-0000-0000-000000000001"],["uuid","c0000000-0000-0000-0000-000000000002"]]]}}},
       "Controller":{"c0000000-0000-0000-0000-000000000001":{"new":{"target":"tcp:10.0.0.1:6653"}},
                     "c0000000-0000-0000-0000-000000000002":{"new":{"target":"tcp:10.0.0.2:6653"}}},
       "Interface":{"10000000-0000-0000-0000-000000000001":{"new":{"name":"tenet-tun","ofport":1,"external_ids":["map",[]],"type":"vxlan",
         "options":["map",[["key","flow"],["local_ip","172.31.99.1"],["remote_ip","flow"]]]}}}}""";

  @Test
  void freshHypervisorGetsBridgeTunnelAndControllersInOneTransaction() throws Exception {
    List<ObjectNode> ops = HypervisorSetup.ops(cache(OVS_ROW.formatted("vxlan")), CONTROLLERS);
    assertEquals(json("""
        [{"op":"insert","table":"Interface","uuid-name":"tun_iface","row":{"name":"tenet-tun","type":"vxlan",
            "options":["map",[["key","flow"],["local_ip","172.31.99.1"],["remote_ip","flow"]]]}},
         {"op":"insert","table":"Port","uuid-name":"tun_port","row":{"name":"tenet-tun","interfaces":["named-uuid","tun_iface"]}},
         {"op":"insert","table":"Interface","uuid-name":"local_iface","row":{"name":"br-int","type":"internal"}},
         {"op":"insert","table":"Port","uuid-name":"local_port","row":{"name":"br-int","interfaces":["named-uuid","local_iface"]}},
         {"op":"insert","table":"Controller","uuid-name":"controller0","row":{"target":"tcp:10.0.0.1:6653","connection_mode":"out-of-band"}},
         {"op":"insert","table":"Controller","uuid-name":"controller1","row":{"target":"tcp:10.0.0.2:6653","connection_mode":"out-of-band"}},
         {"op":"insert","table":"Bridge","uuid-name":"br_int","row":{"fail_mode":"secure","protocols":["set",["OpenFlow13"]],
            "datapath_type":"netdev","name":"br-int","controller":["set",[["named-uuid","controller0"],["named-uuid","controller1"]]],
            "ports":["set",[["named-uuid","local_port"],["named-uuid","tun_port"]]]}},
         {"op":"mutate","table":"Open_vSwitch","where":[],"mutations":[["bridges","insert",["set",[["named-uuid","br_int"]]]]]}]
        """), Ovsdb.JSON.valueToTree(ops));
  }

  @Test
  void geneveHypervisorGetsAGeneveTunnel() throws Exception {
    ObjectNode tunnel = HypervisorSetup.ops(cache(OVS_ROW.formatted("geneve")), CONTROLLERS).get(0);
    assertEquals("geneve", tunnel.at("/row/type").asText());
  }

  @Test
  void setUpHypervisorNeedsNothing() throws Exception {
    assertEquals(List.of(), HypervisorSetup.ops(cache(OVS_ROW.formatted("vxlan"), EXISTING), CONTROLLERS));
  }

  @Test
  void onlyWhatDiffersIsFixed() throws Exception {
    OvsdbCache db = cache(OVS_ROW.formatted("geneve"), EXISTING, """
        {"Bridge":{"b0000000-0000-0000-0000-000000000001":{"new":{"fail_mode":["set",[]]}}}}""");
    List<ObjectNode> ops = HypervisorSetup.ops(db, List.of("tcp:10.0.0.1:6653"));
    assertEquals(json("""
        [{"op":"insert","table":"Controller","uuid-name":"controller0","row":{"target":"tcp:10.0.0.1:6653","connection_mode":"out-of-band"}},
         {"op":"update","table":"Bridge","where":[["name","==","br-int"]],"row":{"fail_mode":"secure",
            "controller":["set",[["named-uuid","controller0"]]]}},
         {"op":"update","table":"Interface","where":[["name","==","tenet-tun"]],"row":{"type":"geneve",
            "options":["map",[["key","flow"],["local_ip","172.31.99.1"],["remote_ip","flow"]]]}}]
        """), Ovsdb.JSON.valueToTree(ops));
  }

  @Test
  void missingTunnelPortIsAddedToTheExistingBridge() throws Exception {
    OvsdbCache db = cache(OVS_ROW.formatted("vxlan"), EXISTING, """
        {"Interface":{"10000000-0000-0000-0000-000000000001":{}}}""");
    List<ObjectNode> ops = HypervisorSetup.ops(db, CONTROLLERS);
    assertEquals(3, ops.size());
    assertEquals(json("""
        {"op":"mutate","table":"Bridge","where":[["name","==","br-int"]],"mutations":[["ports","insert",["set",[["named-uuid","tun_port"]]]]]}
        """), ops.get(2));
  }

  @Test
  void missingEncapIpIsAClearErrorAndNothingIsWritten() throws Exception {
    OvsdbCache db = cache("""
        {"Open_vSwitch":{"0b1e0000-0000-0000-0000-000000000001":{"new":{"external_ids":["map",[["tenet-encap-type","vxlan"]]]}}}}""");
    Exception e = assertThrows(HypervisorSetup.InvalidHypervisorException.class, () -> HypervisorSetup.ops(db, CONTROLLERS));
    assertTrue(e.getMessage().contains("tenet-encap-ip"), e.getMessage());
    OvsdbCache unknownType = cache(OVS_ROW.formatted("gre"));
    assertThrows(HypervisorSetup.InvalidHypervisorException.class, () -> HypervisorSetup.ops(unknownType, CONTROLLERS));
  }
}
