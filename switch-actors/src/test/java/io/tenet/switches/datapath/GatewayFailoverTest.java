package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.GatewayGate;
import io.tenet.switches.compile.GatewayHop;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.RouterLeg;
import io.tenet.switches.ovsdb.PeerTunnel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** hv3 is the second host of r1's gateway; hv2 (172.31.0.2, peer tunnel port 12) is ranked before it. */
class GatewayFailoverTest {
  static final long SECOND = 1_000_000_000L;
  static final String HV2 = "172.31.0.2";
  static final RouterLeg LEG = new RouterLeg("net-a", 4096, "r1-a", "fa:16:3e:00:01:0a", "10.0.0.1", "10.0.0.0/24");

  static Map<String, PeerTunnel> hv2(String state) {
    return hv2(state, state.equals("up") ? 1 : 0);
  }

  static Map<String, PeerTunnel> hv2(String state, int flapCount) {
    return Map.of(HV2, new PeerTunnel(12, state, flapCount));
  }

  static DatapathView hv3(boolean armed) {
    GatewayPlan gateway = new GatewayPlan("r1", 0xf001, "fa:16:3e:00:0e:01", "203.0.113.10", true, 4200, 6, null, List.of(LEG), List.of(),
        new GatewayGate(GatewayGate.GROUP_BASE + 0xf001, List.of(new GatewayHop.Peer(HV2, 12)), armed));
    return new DatapathView("0000000000000003", "172.31.0.3", 1, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(gateway), List.of());
  }

  @Test
  void aPeerIsSettledOnceBfdCameUpAfterBeingSeenNotUpOrAfterThreeSeconds() {
    GatewayFailover failover = new GatewayFailover();
    failover.restart(hv2("up"), 0);
    assertEquals(Set.of(), failover.reach(hv2("up"), 0).settledPeers(), "an up right after the switch connected may be the dead process's last word");
    failover.observe(hv2("down"), SECOND / 10);
    failover.observe(hv2("init"), SECOND / 5);
    assertEquals(Set.of(), failover.reach(hv2("init"), SECOND / 5).settledPeers());
    failover.observe(hv2("up"), SECOND);
    assertEquals(Set.of(HV2), failover.reach(hv2("up"), SECOND).settledPeers());
    assertEquals(Map.of(HV2, 12L), failover.reach(hv2("up"), SECOND).peerPorts());

    GatewayFailover neverUp = new GatewayFailover();
    neverUp.restart(hv2("down"), 0);
    assertEquals(Set.of(), neverUp.reach(hv2("down"), 2 * SECOND).settledPeers());
    assertEquals(Set.of(HV2), neverUp.reach(hv2("down"), 3 * SECOND).settledPeers(), "a peer not up after 3 s is gone: settled");

    failover.restart(hv2("up"), 5 * SECOND);
    assertEquals(Set.of(), failover.reach(hv2("up"), 5 * SECOND).settledPeers(), "a reconnected switch settles again");

    GatewayFailover restarted = new GatewayFailover();
    restarted.restart(hv2("down", 2), 0);
    assertEquals(Set.of(HV2), restarted.reach(hv2("down", 2), 0).settledPeers(),
        "BFD was up in this vswitchd's life and is lost: hv2 is gone, and a host that took over keeps its gate open when its controller returns");
  }

  @Test
  void aGateOpenedByBfdIsClaimedAtMostOnceASecondAndAnnouncedTwice() {
    GatewayFailover failover = new GatewayFailover();
    assertEquals(List.of(), failover.takeovers(hv3(true), hv2("up"), 0), "hv2 is there: hv3's gate is shut");
    assertEquals(List.of(), failover.takeovers(hv3(false), hv2("down"), 0), "not armed: the gate stays shut whatever BFD says");

    List<GatewayFailover.Takeover> first = failover.takeovers(hv3(true), hv2("down"), SECOND);
    assertEquals(1, first.size());
    assertTrue(first.get(0).claim());
    assertTrue(first.get(0).announce());
    assertEquals(List.of(), failover.takeovers(hv3(true), hv2("down"), SECOND + SECOND / 2), "claimed half a second ago");
    List<GatewayFailover.Takeover> again = failover.takeovers(hv3(true), hv2("down"), 2 * SECOND);
    assertEquals(1, again.size(), "said again until the router's view ranks hv3 first");
    assertTrue(again.get(0).claim());
    assertFalse(again.get(0).announce(), "not announced again yet");
    List<GatewayFailover.Takeover> later = failover.takeovers(hv3(true), hv2("down"), 3 * SECOND);
    assertTrue(later.get(0).announce(), "announced once more two seconds after the gate opened");
    assertFalse(failover.takeovers(hv3(true), hv2("down"), 5 * SECOND).get(0).announce(), "and then no more");

    assertEquals(List.of(), failover.takeovers(hv3(true), hv2("up"), 6 * SECOND), "hv2 back while hv3 was not recorded: the gate shut again");
    assertTrue(failover.takeovers(hv3(true), hv2("down"), 7 * SECOND).get(0).announce(), "a new takeover is announced again");
  }

  /**
   * An administrator ranks hv3 first: nothing to claim, but the physical network must learn that the
   * gateway is here now (a silent VM behind a layer-2 gateway stayed unreachable when it did not).
   */
  @Test
  void aGateRankedFirstHereIsAnnouncedWhenItOpensAndOnceMoreButNeverClaimed() {
    GatewayFailover failover = new GatewayFailover();
    assertEquals(List.of(), failover.takeovers(hv3(true), hv2("up"), 0), "ranked second, hv2 there: shut");
    List<GatewayFailover.Takeover> opened = failover.takeovers(rankedFirst(), hv2("up"), SECOND);
    assertEquals(1, opened.size());
    assertFalse(opened.get(0).claim(), "the router already ranks hv3 first");
    assertTrue(opened.get(0).announce());
    assertEquals(List.of(), failover.takeovers(rankedFirst(), hv2("up"), 2 * SECOND), "nothing to say in between");
    assertTrue(failover.takeovers(rankedFirst(), hv2("up"), 3 * SECOND).get(0).announce(), "announced once more");
    assertEquals(List.of(), failover.takeovers(rankedFirst(), hv2("up"), 10 * SECOND));

    assertEquals(List.of(), failover.takeovers(hv3(true), hv2("up"), 11 * SECOND), "moved away again");
    assertTrue(failover.takeovers(rankedFirst(), hv2("up"), 12 * SECOND).get(0).announce(), "and back: announced again");
  }

  static DatapathView rankedFirst() {
    GatewayPlan gateway = new GatewayPlan("r1", 0xf001, "fa:16:3e:00:0e:01", "203.0.113.10", true, 4200, 6, null, List.of(LEG), List.of(),
        new GatewayGate(GatewayGate.GROUP_BASE + 0xf001, List.of(), true));
    return new DatapathView("0000000000000003", "172.31.0.3", 1, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(gateway), List.of());
  }
}
