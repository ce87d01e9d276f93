package io.tenet.switches.ovsdb;

import static io.tenet.switches.ovsdb.HypervisorSetupTest.CONTROLLERS;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.EXISTING;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.OVS_ROW;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.cache;
import static io.tenet.switches.ovsdb.HypervisorSetupTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The BFD tunnels to single peers that HypervisorSetup keeps when it is told the peers (no OVS). */
class PeerTunnelsTest {
  static final String PEER = """
      {"Interface":{"10000000-0000-0000-0000-0000000000b1":{"new":{"name":"tenet-peer-ac1f6302","ofport":3,"type":"vxlan","external_ids":["map",[]],
          "options":["map",[["key","flow"],["local_ip","172.31.99.1"],["remote_ip","172.31.99.2"]]],"bfd_status":["map",[["flap_count","1"],["state","up"]]]}}},
       "Port":{"20000000-0000-0000-0000-0000000000b1":{"new":{"name":"tenet-peer-ac1f6302"}}}}""";

  @Test
  void aPeerGetsATunnelWithBfdAndAnUnknownPeerSetChangesNothing() throws Exception {
    OvsdbCache db = cache(OVS_ROW.formatted("vxlan"), EXISTING);
    assertEquals(List.of(), HypervisorSetup.ops(db, CONTROLLERS, null));
    List<ObjectNode> ops = HypervisorSetup.ops(db, CONTROLLERS, Set.of("172.31.99.2"));
    assertEquals(json("""
        [{"op":"insert","table":"Interface","uuid-name":"peer_iface0","row":{"name":"tenet-peer-ac1f6302","type":"vxlan",
            "options":["map",[["key","flow"],["local_ip","172.31.99.1"],["remote_ip","172.31.99.2"]]],
            "bfd":["map",[["enable","true"],["min_rx","100"],["min_tx","100"]]]}},
         {"op":"insert","table":"Port","uuid-name":"peer_port0","row":{"name":"tenet-peer-ac1f6302","interfaces":["named-uuid","peer_iface0"]}},
         {"op":"mutate","table":"Bridge","where":[["name","==","br-int"]],"mutations":[["ports","insert",["set",[["named-uuid","peer_port0"]]]]]}]
        """), Ovsdb.JSON.valueToTree(ops));
  }

  @Test
  void aTunnelInPlaceNeedsNothingItsStateIsReadAndAPeerNoLongerWantedGoes() throws Exception {
    OvsdbCache db = cache(OVS_ROW.formatted("vxlan"), EXISTING, PEER);
    assertEquals(List.of(), HypervisorSetup.ops(db, CONTROLLERS, Set.of("172.31.99.2")));
    assertEquals(Map.of("172.31.99.2", new PeerTunnel(3, "up", 1)), PeerTunnels.read(db));
    assertEquals(json("""
        [{"op":"mutate","table":"Bridge","where":[["name","==","br-int"]],"mutations":[["ports","delete",["set",[["uuid","20000000-0000-0000-0000-0000000000b1"]]]]]}]
        """), Ovsdb.JSON.valueToTree(HypervisorSetup.ops(db, CONTROLLERS, Set.of())));
  }
}
