package io.tenet.topology.vni;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** External networks' claims in the registry: one segment and disjoint public ranges each, released with the VNI. */
class ExternalClaimsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("ExternalClaimsTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<VniRegistry.Command, VniRegistry.Event, VniRegistry.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), VniRegistry.create());

  static final ProviderSegment FLAT1 = new ProviderSegment(ProviderType.FLAT, "physnet1", null);
  static final ProviderSegment VLAN100 = new ProviderSegment(ProviderType.VLAN, "physnet1", 100);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static EventSourcedBehaviorTestKit.CommandResultWithReply<VniRegistry.Command, VniRegistry.Event, VniRegistry.State, Outcome<Integer>> allocate(
      String networkId, ProviderSegment segment, String... cidrs) {
    return kit.runCommand(replyTo -> new VniRegistry.Allocate(networkId, null, new ExternalClaim(segment, List.of(cidrs)), replyTo));
  }

  private static Problem refusal(Outcome<?> outcome, ProblemCode code) {
    rejected(outcome, code);
    return ((Outcome.Rejected<?>) outcome).problem();
  }

  @Test
  void aSegmentHasOneExternalNetwork() {
    ok(allocate("ext-a", FLAT1, "203.0.113.0/24").reply());
    var sameFlat = allocate("ext-b", FLAT1, "198.51.100.0/24");
    assertEquals(new Problem(ProblemCode.SEGMENT_IN_USE, "physnet1 (flat) is used by external network ext-a", "provider.physical_network"),
        refusal(sameFlat.reply(), ProblemCode.SEGMENT_IN_USE));
    assertTrue(sameFlat.hasNoEvents());
    // a VLAN of the same physical network is another segment; the same VLAN is not
    ok(allocate("ext-b", VLAN100, "198.51.100.0/24").reply());
    assertEquals("provider.segmentation_id", refusal(allocate("ext-c", VLAN100, "192.0.2.0/24").reply(), ProblemCode.SEGMENT_IN_USE).field());
    ok(allocate("ext-c", new ProviderSegment(ProviderType.VLAN, "physnet1", 101), "192.0.2.0/24").reply());
    // a flat segment of another physical network is free, with ranges of its own
    ok(allocate("ext-d", new ProviderSegment(ProviderType.FLAT, "physnet2", null), "100.64.0.0/24").reply());
  }

  @Test
  void publicRangesDoNotOverlapAcrossExternalNetworks() {
    ok(allocate("ext-a", FLAT1, "203.0.113.0/24").reply());
    var overlapping = allocate("ext-b", VLAN100, "198.51.100.0/24", "203.0.113.128/25");
    assertEquals(new Problem(ProblemCode.OVERLAPPING_SUBNET, "subnet 203.0.113.128/25 overlaps 203.0.113.0/24 of external network ext-a",
        "subnets[1].cidr"), refusal(overlapping.reply(), ProblemCode.OVERLAPPING_SUBNET));
    assertTrue(overlapping.hasNoEvents());
    assertEquals(Map.of("ext-a", new ExternalClaim(FLAT1, List.of("203.0.113.0/24"))), kit.getState().claimByNetwork());
  }

  /** A layer-2 gateway claims its VLAN like an external network (a VLAN is used once, whoever asks first), and is no external network. */
  @Test
  void aLayer2GatewayHoldsItsVlanAgainstExternalNetworksAndTheyAgainstIt() {
    ok(allocate("ext-a", VLAN100, "198.51.100.0/24").reply());
    var onTheExternalVlan = kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Allocate("l2gw-1", null, ExternalClaim.ofL2Gateway(VLAN100), replyTo));
    assertEquals(new Problem(ProblemCode.SEGMENT_IN_USE, "physnet1 VLAN 100 is used by external network ext-a", "segmentation_id"),
        refusal(onTheExternalVlan.reply(), ProblemCode.SEGMENT_IN_USE));
    ProviderSegment vlan200 = new ProviderSegment(ProviderType.VLAN, "physnet1", 200);
    ok(kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Allocate("l2gw-1", null, ExternalClaim.ofL2Gateway(vlan200), replyTo)).reply());
    assertEquals(new Problem(ProblemCode.SEGMENT_IN_USE, "physnet1 VLAN 200 is used by layer-2 gateway l2gw-1", "provider.segmentation_id"),
        refusal(allocate("ext-b", vlan200, "192.0.2.0/24").reply(), ProblemCode.SEGMENT_IN_USE));
    assertEquals(List.of("ext-a"), ok(kit.<Outcome<List<String>>>runCommand(VniRegistry.ListExternal::new).reply()));
    ok(kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Release("l2gw-1", replyTo)).reply());
    ok(allocate("ext-b", vlan200, "192.0.2.0/24").reply());
  }

  @Test
  void tenantNetworksClaimNothingAndAreNotListedAsExternal() {
    ok(kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Allocate("tenant-net", null, replyTo)).reply());
    ok(allocate("ext-a", FLAT1, "203.0.113.0/24").reply());
    assertEquals(List.of("ext-a"), ok(kit.<Outcome<List<String>>>runCommand(VniRegistry.ListExternal::new).reply()));
  }

  @Test
  void changedRangesAreCheckedAgainstTheOthersButNotThemselves() {
    ok(allocate("ext-a", FLAT1, "203.0.113.0/24").reply());
    ok(allocate("ext-b", VLAN100, "198.51.100.0/24").reply());
    ExternalClaim grown = new ExternalClaim(VLAN100, List.of("198.51.100.0/24", "198.51.101.0/24"));
    var updated = kit.<Outcome<ExternalClaim>>runCommand(replyTo -> new VniRegistry.UpdateClaim("ext-b", grown, replyTo));
    assertEquals(grown, ok(updated.reply()));
    assertEquals(new VniRegistry.ClaimUpdated("ext-b", grown), updated.event());
    ExternalClaim clash = new ExternalClaim(VLAN100, List.of("203.0.113.64/26"));
    var refused = kit.<Outcome<ExternalClaim>>runCommand(replyTo -> new VniRegistry.UpdateClaim("ext-b", clash, replyTo));
    refusal(refused.reply(), ProblemCode.OVERLAPPING_SUBNET);
    assertTrue(refused.hasNoEvents());
    rejected(kit.<Outcome<ExternalClaim>>runCommand(replyTo -> new VniRegistry.UpdateClaim("unknown", grown, replyTo)).reply(), ProblemCode.NOT_FOUND);
  }

  @Test
  void releasingTheVniReleasesTheClaimAndSurvivesARestart() {
    int vni = ok(allocate("ext-a", FLAT1, "203.0.113.0/24").reply());
    ok(allocate("ext-b", VLAN100, "198.51.100.0/24").reply());
    assertEquals(kit.getState(), kit.restart().state());
    assertEquals(vni, ok(kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Release("ext-a", replyTo)).reply()));
    assertEquals(List.of("ext-b"), List.copyOf(kit.getState().claimByNetwork().keySet()));
    ok(allocate("ext-c", FLAT1, "203.0.113.0/24").reply());
    assertEquals(kit.getState(), kit.restart().state());
  }
}
