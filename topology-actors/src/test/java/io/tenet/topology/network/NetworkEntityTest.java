package io.tenet.topology.network;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.networkSpec;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.rejected;
import static io.tenet.topology.testing.Fixtures.subnets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.L2Bridge;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.vni.VniRegistry;
import io.tenet.topology.model.TagChange;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkEntityTest {
  private static final String NET = "net-1";
  private static final String TENANT = "tenant-1";
  private static final ActorTestKit testKit = ActorTestKit.create("NetworkEntityTest", Fixtures.persistenceConfig());
  private static final ActorRef<VniRegistry.Command> registry = testKit.spawn(VniRegistry.create());
  private static final EventSourcedBehaviorTestKit<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), NetworkEntity.create(NET, () -> registry));

  private final NetworkSpec spec = networkSpec(NET, "blue", "10.0.0.0/24", "10.0.1.0/24");
  private final Subnet first = spec.subnets().get(0);
  private final Subnet second = spec.subnets().get(1);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  /**
   * A deleted network hands its VNI back by itself and then persists that; the write must land in
   * this test's journal, not in the next one's after its clear (it made the next create see a
   * deleted network).
   */
  @AfterEach
  void letTheVniReturnSettle() {
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(null, kit.getState().vniToReturn(), "the deleted network's VNI is not back yet");
      return null;
    });
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<NetworkView>> create(String tenant, NetworkSpec spec, int vni) {
    return kit.runCommand(replyTo -> new NetworkEntity.Create(tenant, spec, vni, ORIGIN, replyTo));
  }

  private NetworkView created() {
    return ok(create(TENANT, spec, 4096).reply());
  }

  private static Outcome<NetworkView> get() {
    return kit.<Outcome<NetworkView>>runCommand(NetworkEntity.Get::new).reply();
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<NetworkView>> update(
      String name, Integer mtu, Boolean adminStateUp, List<Subnet> subnets) {
    return kit.runCommand(replyTo -> new NetworkEntity.Update(name, mtu, adminStateUp, subnets, ORIGIN, replyTo));
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<NetworkView>> delete() {
    return kit.runCommand(r -> new NetworkEntity.Delete(ORIGIN, r));
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<AddressReservation>> reserve(
      String portId, String tenant, PortSpec portSpec) {
    return kit.runCommand(replyTo -> new NetworkEntity.ReserveAddresses(portId, tenant, portSpec, ORIGIN, replyTo));
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<String>> release(String portId) {
    return kit.runCommand(replyTo -> new NetworkEntity.ReleaseAddresses(portId, ORIGIN, replyTo));
  }

  private static List<String> ports() {
    return List.copyOf(ok(kit.<Outcome<NetworkEntity.PortRealizations>>runCommand(NetworkEntity.GetPortRealizations::new).reply()).byPort().keySet());
  }

  @Test
  void createThenGet() {
    var result = create(TENANT, spec, 4096);
    NetworkView view = ok(result.reply());
    assertEquals(NET, view.id());
    assertEquals(TENANT, view.tenantId());
    assertEquals("blue", view.name());
    assertEquals(4096, view.vni());
    assertEquals(1450, view.mtu());
    assertTrue(view.adminStateUp());
    assertEquals(spec.subnets(), view.subnets());
    assertEquals(1, view.revision());
    assertEquals(view.createdAt(), view.updatedAt());
    assertTrue(result.event() instanceof NetworkEntity.NetworkCreated);
    assertEquals(view, ok(get()));
    assertEquals(List.of(), ports());
  }

  @Test
  void nothingBeforeCreate() {
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(update("x", null, null, null).reply(), ProblemCode.NOT_FOUND);
    rejected(delete().reply(), ProblemCode.NOT_FOUND);
    rejected(kit.<Outcome<NetworkEntity.PortRealizations>>runCommand(NetworkEntity.GetPortRealizations::new).reply(), ProblemCode.NOT_FOUND);
    rejected(reserve("p1", TENANT, portSpec(NET)).reply(), ProblemCode.NOT_FOUND, "network_id");
  }

  @Test
  void retriedCreateAnswersAsTheFirst() {
    NetworkView first = created();
    var retry = create(TENANT, networkSpec(NET, "blue", "10.0.0.0/24", "10.0.1.0/24"), 4096);
    assertEquals(first, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
  }

  @Test
  void conflictingCreateIsRefused() {
    created();
    rejected(create("tenant-2", spec, 4096).reply(), ProblemCode.ALREADY_EXISTS, "id");
    rejected(create(TENANT, spec, 4097).reply(), ProblemCode.ALREADY_EXISTS, "id");
    var otherSpec = create(TENANT, networkSpec(NET, "red", "10.0.0.0/24"), 4096);
    rejected(otherSpec.reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertTrue(otherSpec.hasNoEvents());
  }

  @Test
  void updateIncrementsTheRevisionOnlyOnChange() {
    NetworkView v1 = created();
    var renamed = update("green", null, null, null);
    NetworkView v2 = ok(renamed.reply());
    assertEquals("green", v2.name());
    assertEquals(2, v2.revision());
    assertEquals(v1.createdAt(), v2.createdAt());
    assertEquals(v1.subnets(), v2.subnets());
    assertTrue(renamed.event() instanceof NetworkEntity.NetworkUpdated);
    var same = update("green", 1450, true, spec.subnets());
    assertEquals(v2, ok(same.reply()));
    assertTrue(same.hasNoEvents());
    assertTrue(update(null, null, null, null).hasNoEvents());
    NetworkView v3 = ok(update(null, 9000, false, null).reply());
    assertEquals(9000, v3.mtu());
    assertFalse(v3.adminStateUp());
    assertEquals(3, v3.revision());
    assertEquals(v3, ok(get()));
  }

  /** A list read, changed and written back against the revision it was read at never overwrites a change made meanwhile. */
  @Test
  void anUpdateAgainstAnOlderRevisionIsRefusedAndChangesNothing() {
    NetworkView v1 = created();
    ok(update("green", null, null, null).reply());
    var stale = kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Update("blue", null, null, List.of(), v1.revision(), ORIGIN, r));
    rejected(stale.reply(), ProblemCode.REVISION_MISMATCH);
    assertTrue(stale.hasNoEvents());
    NetworkView v2 = ok(get());
    assertEquals("green", v2.name());
    assertEquals(v1.subnets(), v2.subnets());
    NetworkView v3 = ok(kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Update("blue", null, null, null, v2.revision(), ORIGIN, r)).reply());
    assertEquals("blue", v3.name());
  }

  @Test
  void subnetsCanBeAddedAndUnusedOnesRemoved() {
    created();
    List<Subnet> three = subnets(NET, "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24");
    assertEquals(three, ok(update(null, null, null, three).reply()).subnets());
    assertEquals(List.of(first), ok(update(null, null, null, List.of(first)).reply()).subnets());
  }

  @Test
  void subnetInUseCannotBeRemoved() {
    created();
    ok(reserve("p1", TENANT, portSpec(NET, null, List.of(new FixedIp(second.id(), null)))).reply());
    var refused = update(null, null, null, List.of(first));
    rejected(refused.reply(), ProblemCode.SUBNET_IN_USE, "subnets");
    assertTrue(refused.hasNoEvents());
    assertEquals(spec.subnets(), ok(get()).subnets());
    release("p1");
    assertEquals(List.of(first), ok(update(null, null, null, List.of(first)).reply()).subnets());
  }

  @Test
  void reservationIsIdempotentPerPortId() {
    created();
    var first = reserve("p1", TENANT, portSpec(NET));
    AddressReservation reservation = ok(first.reply());
    assertEquals("p1", reservation.portId());
    assertEquals(List.of(new FixedIp(this.first.id(), "10.0.0.3")), reservation.fixedIps());
    assertEquals(new NetworkEntity.AddressesReserved(reservation, true, ORIGIN), first.event());
    var retry = reserve("p1", TENANT, portSpec(NET));
    assertEquals(reservation, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
    AddressReservation other = ok(reserve("p2", TENANT, portSpec(NET)).reply());
    assertEquals("10.0.0.4", other.fixedIps().get(0).ipAddress());
    assertNotEquals(reservation.macAddress(), other.macAddress());
    assertEquals(List.of("p1", "p2"), ports());
  }

  @Test
  void reservationForAnotherTenantIsNotFound() {
    created();
    var foreign = reserve("p1", "tenant-2", portSpec(NET));
    rejected(foreign.reply(), ProblemCode.NOT_FOUND, "network_id");
    assertTrue(foreign.hasNoEvents());
    assertEquals(List.of(), ports());
  }

  @Test
  void refusedReservationWritesNothing() {
    created();
    ok(reserve("p1", TENANT, portSpec(NET, null, List.of(new FixedIp(null, "10.0.0.50")))).reply());
    var taken = reserve("p2", TENANT, portSpec(NET, null, List.of(new FixedIp(null, "10.0.0.50"))));
    rejected(taken.reply(), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    assertTrue(taken.hasNoEvents());
    String mac = kit.getState().ports().get("p1").macAddress();
    rejected(reserve("p3", TENANT, portSpec(NET, mac, null)).reply(), ProblemCode.MAC_IN_USE, "mac_address");
    assertEquals(List.of("p1"), ports());
  }

  @Test
  void releaseIsIdempotent() {
    created();
    reserve("p1", TENANT, portSpec(NET, null, List.of(new FixedIp(null, "10.0.0.50"))));
    var released = release("p1");
    assertEquals("p1", ok(released.reply()));
    assertEquals(new NetworkEntity.AddressesReleased("p1", ORIGIN), released.event());
    var again = release("p1");
    assertEquals("p1", ok(again.reply()));
    assertTrue(again.hasNoEvents());
    assertTrue(release("never-reserved").hasNoEvents());
    // the address is free again
    assertEquals("10.0.0.50", ok(reserve("p2", TENANT, portSpec(NET, null, List.of(new FixedIp(null, "10.0.0.50")))).reply()).fixedIps().get(0).ipAddress());
  }

  @Test
  void deleteWithPortsIsRefusedUntilTheyAreReleased() {
    created();
    reserve("p1", TENANT, portSpec(NET));
    var refused = delete();
    rejected(refused.reply(), ProblemCode.NETWORK_HAS_PORTS);
    assertTrue(refused.hasNoEvents());
    release("p1");
    var deleted = delete();
    assertEquals(NET, ok(deleted.reply()).id());
    assertTrue(deleted.event() instanceof NetworkEntity.NetworkDeleted);
  }

  @Test
  void deletedIdIsNeverReused() {
    NetworkView view = created();
    assertEquals(view, ok(delete().reply()));
    assertTrue(kit.getState().deleted());
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(delete().reply(), ProblemCode.NOT_FOUND);
    rejected(update("x", null, null, null).reply(), ProblemCode.NOT_FOUND);
    rejected(reserve("p1", TENANT, portSpec(NET)).reply(), ProblemCode.NOT_FOUND, "network_id");
    var again = create(TENANT, spec, 4096);
    rejected(again.reply(), ProblemCode.ALREADY_EXISTS);
    assertTrue(again.hasNoEvents());
    assertTrue(kit.restart().state().deleted());
    rejected(create(TENANT, spec, 4096).reply(), ProblemCode.ALREADY_EXISTS);
  }

  @Test
  void deletionHandsTheVniBackToTheRegistry() {
    TestProbe<Outcome<Integer>> probe = testKit.createTestProbe();
    registry.tell(new VniRegistry.Allocate(NET, 4096, probe.ref()));
    assertEquals(Outcome.ok(4096), probe.receiveMessage());
    created();
    ok(delete().reply());
    probe.awaitAssert(() -> {
      registry.tell(new VniRegistry.Lookup(NET, probe.ref()));
      rejected(probe.receiveMessage(), ProblemCode.NOT_FOUND);
      return null;
    });
    probe.awaitAssert(() -> {
      assertEquals(null, kit.getState().vniToReturn(), "the network recorded that its VNI is back");
      return null;
    });
    assertTrue(kit.restart().state().deleted());
  }

  @Test
  void restartKeepsTheState() {
    created();
    update("green", 1400, null, null);
    AddressReservation p1 = ok(reserve("p1", TENANT, portSpec(NET)).reply());
    reserve("p2", TENANT, portSpec(NET, null, List.of(new FixedIp(second.id(), null))));
    release("p2");
    NetworkEntity.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(List.of("p1"), ports());
    assertEquals(p1, ok(reserve("p1", TENANT, portSpec(NET)).reply()));
    assertEquals(before.view(), ok(get()).withRealization(null)); // the realization is not state: it comes from the datapaths
  }

  @Test
  void onAnExternalNetworkEveryTenantsGatewaysAndFloatingIpsTakeAddressesButNoOtherPort() {
    NetworkSpec base = Fixtures.networkSpec(NET, "public", "203.0.113.0/24");
    NetworkSpec external = new NetworkSpec(base.name(), null, base.mtu(), true, base.subnets(), true,
        new io.tenet.topology.model.ProviderSegment(io.tenet.topology.model.ProviderType.FLAT, "physnet1", null));
    ok(create(TENANT, external, 4200).reply());
    PortSpec gateway = new PortSpec(NET, "", null, null, List.of(), false, true, PortSpec.ROUTER_GATEWAY_OWNER, "router-of-another");
    PortSpec floating = new PortSpec(NET, "", null, null, List.of(), false, true, PortSpec.FLOATING_IP_OWNER, "fip-of-another");
    ok(reserve("gw-port", "another-tenant", gateway).reply());
    ok(reserve("fip-port", "another-tenant", floating).reply());
    rejected(reserve("vm-port", "another-tenant", Fixtures.portSpec(NET)).reply(), ProblemCode.NOT_FOUND);
  }

  /**
   * A layer-2 gateway is the network's: its view carries it to the datapaths, a host that took it
   * over becomes active (once; a host of another gateway or the active one changes nothing), the
   * network is not deleted while bridged, and an external network is not bridged at all.
   */
  @Test
  void aLayer2GatewayIsKeptPublishedTakenOverAndBlocksDeletion() {
    created();
    GatewayHost hv2 = new GatewayHost("00000000000000a2", "hv2", "172.31.0.2", 2);
    GatewayHost hv3 = new GatewayHost("00000000000000a3", "hv3", "172.31.0.3", 1);
    ProviderSegment vlan200 = new ProviderSegment(ProviderType.VLAN, "physnet1", 200);
    TestProbe<Outcome<Integer>> claims = testKit.createTestProbe();
    registry.tell(new VniRegistry.Allocate("l2gw-1", null, ExternalClaim.ofL2Gateway(vlan200), claims.ref()));
    int bridgeVni = ok(claims.receiveMessage());
    L2Bridge bridge = new L2Bridge("l2gw-1", vlan200, bridgeVni, List.of(hv2, hv3), hv2.datapathId());
    NetworkView bridged = ok(kit.<Outcome<NetworkView>>runCommand(replyTo -> new NetworkEntity.Bridge(bridge, ORIGIN, replyTo)).reply());
    assertEquals(bridge, bridged.l2Gateway());
    assertEquals(bridge, ok(kit.<Outcome<NetworkDataplane>>runCommand(replyTo -> new NetworkEntity.GetDataplane(null, replyTo)).reply()).bridge());
    rejected(delete().reply(), ProblemCode.IN_USE);

    assertEquals(0, kit.runCommand(new NetworkEntity.TakeOverBridge(hv2.datapathId())).events().size(), "the active host takes over nothing");
    assertEquals(0, kit.runCommand(new NetworkEntity.TakeOverBridge("00000000000000ff")).events().size(), "not a host of the gateway");
    kit.runCommand(new NetworkEntity.TakeOverBridge(hv3.datapathId()));
    assertEquals(List.of(hv3, hv2), ok(get()).l2Gateway().rankedHosts(), "hv3 is active now");
    assertEquals(kit.getState(), kit.restart().state());

    // the registry holds the VLAN under the gateway's id; once the network has recorded the removal, it gives it back itself
    ok(kit.<Outcome<NetworkView>>runCommand(replyTo -> new NetworkEntity.Bridge(null, ORIGIN, replyTo)).reply());
    assertEquals(null, ok(get()).l2Gateway());
    claims.awaitAssert(Duration.ofSeconds(10), () -> {
      registry.tell(new VniRegistry.Lookup("l2gw-1", claims.ref()));
      rejected(claims.receiveMessage(), ProblemCode.NOT_FOUND);
      assertEquals(null, kit.getState().claimToRelease(), "the network recorded that the registry gave the VLAN back");
      return null;
    });
    ok(delete().reply());
  }

  @Test
  void anExternalNetworkIsNotBridged() {
    NetworkSpec base = Fixtures.networkSpec(NET, "public", "203.0.113.0/24");
    ok(create(TENANT, new NetworkSpec(base.name(), null, base.mtu(), true, base.subnets(), true, new ProviderSegment(ProviderType.FLAT, "physnet1", null)),
        4200).reply());
    L2Bridge bridge = new L2Bridge("l2gw-1", new ProviderSegment(ProviderType.VLAN, "physnet1", 200), 4300, List.of(), null);
    rejected(kit.<Outcome<NetworkView>>runCommand(replyTo -> new NetworkEntity.Bridge(bridge, ORIGIN, replyTo)).reply(), ProblemCode.EXTERNAL_NETWORK,
        "network_id");
  }

  private static Outcome<NetworkView> tag(String subnetId, TagChange change) {
    return kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.ChangeTags(subnetId, change, ORIGIN, r)).reply();
  }

  /** Tags are the client's: kept through every other change, and nothing the datapaths are told about. */
  @Test
  void networkAndSubnetTagsSurviveUpdatesAndAreNotPublished() {
    created();
    Long dataplaneBefore = kit.getState().dataplaneVersion();
    NetworkView tagged = ok(tag(null, new TagChange.Replace(List.of("prod", "blue"))));
    assertEquals(List.of("blue", "prod"), tagged.tags());
    NetworkView subnetTagged = ok(tag(second.id(), new TagChange.Add("dmz")));
    assertEquals(List.of(), subnetTagged.subnets().get(0).tags());
    assertEquals(List.of("dmz"), subnetTagged.subnets().get(1).tags());
    assertEquals(dataplaneBefore, kit.getState().dataplaneVersion(), "a tag is no reason to push a view to the datapaths");
    NetworkDataplane told = ok(kit.<Outcome<NetworkDataplane>>runCommand(NetworkEntity.GetDataplane::new).reply());
    assertTrue(told.subnets().stream().allMatch(subnet -> subnet.tags().isEmpty()), "datapaths are not told about tags: " + told.subnets());
    rejected(tag("no-such-subnet", new TagChange.Add("x")), ProblemCode.NOT_FOUND);

    // a whole subnet list written back (as /v1 and Neutron's subnet update do) keeps the tags of the subnets it keeps
    NetworkView renamed = ok(update("green", null, null, List.of(first, second)).reply());
    assertEquals(List.of("blue", "prod"), renamed.tags());
    assertEquals(List.of("dmz"), renamed.subnets().get(1).tags());
    assertTrue(update(null, null, null, List.of(first, second)).hasNoEvents(), "the same list without tags is no change");
    assertEquals(List.of("dmz"), kit.restart().state().view().subnets().get(1).tags());
  }
}
