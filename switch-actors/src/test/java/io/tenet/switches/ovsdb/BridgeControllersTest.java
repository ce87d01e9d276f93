package io.tenet.switches.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.dataplane.ControllerConnection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** br-int's controllers as read from monitored Controller rows (no OVS). */
class BridgeControllersTest {
  @Test
  void eachControllerOfTheBridgeWithItsConnectionAndRole() throws Exception {
    OvsdbCache cache = HypervisorSetupTest.cache("""
        {"Bridge":{"b0000000-0000-0000-0000-000000000001":{"new":{"name":"br-int","datapath_id":"0000aabbccddeeff",
           "controller":["set",[["uuid","c0000000-0000-0000-0000-000000000001"],["uuid","c0000000-0000-0000-0000-000000000002"]]]}},
                   "b0000000-0000-0000-0000-000000000002":{"new":{"name":"br-ex","controller":["uuid","c0000000-0000-0000-0000-000000000003"]}}},
         "Controller":{"c0000000-0000-0000-0000-000000000001":{"new":{"target":"tcp:10.0.0.1:6653","is_connected":true,"role":"master"}},
                       "c0000000-0000-0000-0000-000000000002":{"new":{"target":"tcp:10.0.0.2:6653","is_connected":false,"role":["set",[]]}},
                       "c0000000-0000-0000-0000-000000000003":{"new":{"target":"tcp:10.9.9.9:6653","is_connected":true,"role":"other"}}}}""");

    assertEquals(List.of(
        new ControllerConnection("tcp:10.0.0.1:6653", true, "master"),
        new ControllerConnection("tcp:10.0.0.2:6653", false, null)), BridgeControllers.read(cache));
  }

  @Test
  void noBridgeNoControllers() throws Exception {
    assertEquals(List.of(), BridgeControllers.read(new OvsdbCache()));
  }
}
