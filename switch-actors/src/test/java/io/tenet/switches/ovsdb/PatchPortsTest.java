package io.tenet.switches.ovsdb;

import static io.tenet.switches.ovsdb.HypervisorSetupTest.CONTROLLERS;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.EXISTING;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.cache;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patch-port ops HypervisorSetup adds for bridge mappings, from monitor contents (no OVS). */
class PatchPortsTest {
  static final String MAPPED_OVS_ROW = """
      {"Open_vSwitch":{"0b1e0000-0000-0000-0000-000000000001":{"new":{"external_ids":["map",[
        ["tenet-bridge-mappings","%s"],["tenet-encap-ip","172.31.99.1"],["tenet-encap-type","vxlan"]]]}}}}""";
  static final String BR_EX = """
      {"Bridge":{"b0000000-0000-0000-0000-0000000000e1":{"new":{"name":"br-ex","datapath_id":"0000aabbccdd0001"}}}}""";
  /** Both sides of physnet1's pair, as the first run left them. */
  static final String PAIR = """
      {"Interface":{"10000000-0000-0000-0000-0000000000a1":{"new":{"name":"tenet-int-to-physnet1","ofport":2,"type":"patch",
                      "external_ids":["map",[]],"options":["map",[["peer","tenet-physnet1-to-int"]]]}},
                    "10000000-0000-0000-0000-0000000000a2":{"new":{"name":"tenet-physnet1-to-int","ofport":1,"type":"patch",
                      "external_ids":["map",[]],"options":["map",[["peer","tenet-int-to-physnet1"]]]}}},
       "Port":{"20000000-0000-0000-0000-0000000000a1":{"new":{"name":"tenet-int-to-physnet1"}},
               "20000000-0000-0000-0000-0000000000a2":{"new":{"name":"tenet-physnet1-to-int"}}}}""";

  @Test
  void aMappedBridgeGetsBothSidesOfThePair() throws Exception {
    List<ObjectNode> ops = HypervisorSetup.ops(cache(MAPPED_OVS_ROW.formatted("physnet1:br-ex"), EXISTING, BR_EX), CONTROLLERS);
    assertEquals(json("""
        [{"op":"insert","table":"Interface","uuid-name":"patch_iface0","row":{"name":"tenet-int-to-physnet1","type":"patch",
            "options":["map",[["peer","tenet-physnet1-to-int"]]]}},
         {"op":"insert","table":"Port","uuid-name":"patch_port0","row":{"name":"tenet-int-to-physnet1","interfaces":["named-uuid","patch_iface0"]}},
         {"op":"mutate","table":"Bridge","where":[["name","==","br-int"]],"mutations":[["ports","insert",["set",[["named-uuid","patch_port0"]]]]]},
         {"op":"insert","table":"Interface","uuid-name":"patch_iface1","row":{"name":"tenet-physnet1-to-int","type":"patch",
            "options":["map",[["peer","tenet-int-to-physnet1"]]]}},
         {"op":"insert","table":"Port","uuid-name":"patch_port1","row":{"name":"tenet-physnet1-to-int","interfaces":["named-uuid","patch_iface1"]}},
         {"op":"mutate","table":"Bridge","where":[["name","==","br-ex"]],"mutations":[["ports","insert",["set",[["named-uuid","patch_port1"]]]]]}]
        """), Ovsdb.JSON.valueToTree(ops));
  }

  @Test
  void aPairInPlaceNeedsNothing() throws Exception {
    assertEquals(List.of(), HypervisorSetup.ops(cache(MAPPED_OVS_ROW.formatted("physnet1:br-ex"), EXISTING, BR_EX, PAIR), CONTROLLERS));
  }

  @Test
  void aMappedBridgeThatDoesNotExistYetGetsNothing() throws Exception {
    assertEquals(List.of(), HypervisorSetup.ops(cache(MAPPED_OVS_ROW.formatted("physnet1:br-ex"), EXISTING), CONTROLLERS));
  }

  @Test
  void aPairWhoseMappingWasRemovedIsUnlinkedFromEveryBridge() throws Exception {
    List<ObjectNode> ops = HypervisorSetup.ops(cache(MAPPED_OVS_ROW.formatted(""), EXISTING, BR_EX, PAIR), CONTROLLERS);
    assertEquals(json("""
        [{"op":"mutate","table":"Bridge","where":[],"mutations":[["ports","delete",["set",[["uuid","20000000-0000-0000-0000-0000000000a1"]]]]]},
         {"op":"mutate","table":"Bridge","where":[],"mutations":[["ports","delete",["set",[["uuid","20000000-0000-0000-0000-0000000000a2"]]]]]}]
        """), Ovsdb.JSON.valueToTree(ops));
  }

  @Test
  void aSideChangedByHandIsPutBack() throws Exception {
    String wrongPeer = """
        {"Interface":{"10000000-0000-0000-0000-0000000000a1":{"new":{"options":["map",[["peer","elsewhere"]]]}}}}""";
    List<ObjectNode> ops = HypervisorSetup.ops(cache(MAPPED_OVS_ROW.formatted("physnet1:br-ex"), EXISTING, BR_EX, PAIR, wrongPeer), CONTROLLERS);
    assertEquals(json("""
        [{"op":"update","table":"Interface","where":[["name","==","tenet-int-to-physnet1"]],"row":{"type":"patch",
            "options":["map",[["peer","tenet-physnet1-to-int"]]]}}]
        """), Ovsdb.JSON.valueToTree(ops));
  }
}
