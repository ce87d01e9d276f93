package io.tenet.topology.network;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.networkSpec;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.rejected;
import static io.tenet.topology.testing.Fixtures.routerPortSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.vni.VniRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Member bindings and the data-plane view a network publishes to the datapaths hosting its ports. */
class NetworkDataplaneTest {
  private static final String NET = "net-1";
  private static final String TENANT = "tenant-1";
  private static final String DP1 = "0000000000000001";
  private static final String DP2 = "0000000000000002";
  private static final PortBinding ON_DP1 = new PortBinding(DP1, "hv-1", "192.168.0.1", 5);
  private static final PortBinding ON_DP2 = new PortBinding(DP2, "hv-2", "192.168.0.2", 9);

  /** One view as a datapath received it. */
  record Published(String datapathId, NetworkDataplane view) {}

  private static final ActorTestKit testKit = ActorTestKit.create("NetworkDataplaneTest", Fixtures.persistenceConfig());
  private static final ActorRef<VniRegistry.Command> registry = testKit.spawn(VniRegistry.create());
  /** Where the sink sends; a fresh probe per test. */
  private static final AtomicReference<ActorRef<Published>> datapaths = new AtomicReference<>();
  private static final EventSourcedBehaviorTestKit<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(),
          NetworkEntity.create(NET, () -> registry,
              DataplaneSink.of((datapathId, view) -> datapaths.get().tell(new Published(datapathId, view)), (datapathId, router) -> {}, (datapathId, group) -> {})));

  private final NetworkSpec spec = networkSpec(NET, "blue", "10.0.0.0/24", "10.0.1.0/24");
  private TestProbe<Published> published;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
    published = testKit.createTestProbe();
    datapaths.set(published.ref());
  }

  private NetworkView created() {
    return ok(kit.<Outcome<NetworkView>>runCommand(replyTo -> new NetworkEntity.Create(TENANT, spec, 4096, ORIGIN, replyTo)).reply());
  }

  private static AddressReservation reserve(String portId, PortSpec portSpec) {
    return ok(kit.<Outcome<AddressReservation>>runCommand(replyTo -> new NetworkEntity.ReserveAddresses(portId, TENANT, portSpec, ORIGIN, replyTo)).reply());
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<String>> bind(String portId, PortBinding binding) {
    return kit.runCommand(replyTo -> new NetworkEntity.BindMember(portId, binding, replyTo));
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<String>> unbind(String portId, String datapathId) {
    return kit.runCommand(replyTo -> new NetworkEntity.UnbindMember(portId, datapathId, replyTo));
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<String>> secure(String portId, boolean enabled) {
    return kit.runCommand(replyTo -> new NetworkEntity.SetMemberSecurity(portId, enabled, List.of(), List.of(), replyTo));
  }

  private static CommandResultWithReply<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State, Outcome<String>> release(String portId) {
    return kit.runCommand(replyTo -> new NetworkEntity.ReleaseAddresses(portId, ORIGIN, replyTo));
  }

  private static Outcome<NetworkDataplane> dataplane() {
    return kit.<Outcome<NetworkDataplane>>runCommand(NetworkEntity.GetDataplane::new).reply();
  }

  private static DataplaneMember member(NetworkDataplane view, String portId) {
    return view.members().stream().filter(m -> m.portId().equals(portId)).findFirst().orElseThrow();
  }

  /** The views published by the last command, one per datapath, all the same. */
  private NetworkDataplane publishedTo(String... datapathIds) {
    List<Published> received = published.receiveSeveralMessages(datapathIds.length);
    assertEquals(List.of(datapathIds), received.stream().map(Published::datapathId).toList());
    received.forEach(p -> assertEquals(received.get(0).view(), p.view()));
    published.expectNoMessage();
    return received.get(0).view();
  }

  @Test
  void nothingToBindOrShowBeforeCreateOrForAnUnknownPort() {
    rejected(bind("p1", ON_DP1).reply(), ProblemCode.NOT_FOUND);
    rejected(secure("p1", false).reply(), ProblemCode.NOT_FOUND);
    rejected(dataplane(), ProblemCode.NOT_FOUND);
    created();
    var unknown = bind("p1", ON_DP1);
    rejected(unknown.reply(), ProblemCode.NOT_FOUND);
    assertTrue(unknown.hasNoEvents());
    assertTrue(unbind("p1", DP1).hasNoEvents());
    assertEquals("p1", ok(unbind("p1", DP1).reply()));
    rejected(secure("p1", false).reply(), ProblemCode.NOT_FOUND);
    published.expectNoMessage();
  }

  @Test
  void aRouterInterfaceIsAMemberNamingItsRouter() {
    created();
    PortSpec vm = portSpec(NET);
    PortSpec routerLeg = routerPortSpec(NET, "router-1", null);
    reserve("p1", vm);
    var reserved = kit.<Outcome<AddressReservation>>runCommand(replyTo -> new NetworkEntity.ReserveAddresses("r1-leg", TENANT, routerLeg, ORIGIN, replyTo));
    assertEquals("router-1", ((NetworkEntity.AddressesReserved) reserved.event()).routerId());
    NetworkDataplane view = ok(dataplane());
    assertEquals("router-1", member(view, "r1-leg").routerId());
    assertEquals(null, member(view, "p1").routerId());
    release("r1-leg");
    assertTrue(ok(dataplane()).members().stream().noneMatch(m -> "router-1".equals(m.routerId())));
  }

  @Test
  void membersCarryTheirSecurityGroupsAndTheirChanges() {
    created();
    PortSpec inWeb = new PortSpec(NET, "", null, null, List.of("sg-web"), true, true, "", "");
    var reserved = kit.<Outcome<AddressReservation>>runCommand(replyTo -> new NetworkEntity.ReserveAddresses("p1", TENANT, inWeb, ORIGIN, replyTo));
    assertEquals(List.of("sg-web"), ((NetworkEntity.AddressesReserved) reserved.event()).securityGroupIds());
    assertEquals(List.of("sg-web"), member(ok(dataplane()), "p1").securityGroupIds());
    var moved = kit.<Outcome<String>>runCommand(replyTo -> new NetworkEntity.SetMemberSecurity("p1", true, List.of(), List.of("sg-db", "sg-web"), replyTo));
    assertEquals(new NetworkEntity.MemberSecurityChanged("p1", true, List.of(), List.of("sg-db", "sg-web")), moved.event());
    assertEquals(List.of("sg-db", "sg-web"), member(ok(dataplane()), "p1").securityGroupIds());
    var same = kit.<Outcome<String>>runCommand(replyTo -> new NetworkEntity.SetMemberSecurity("p1", true, List.of(), List.of("sg-db", "sg-web"), replyTo));
    assertTrue(same.hasNoEvents(), "nothing changed");
  }

  @Test
  void aViewIsDerivedOncePerEventAndNeverServedStale() {
    created();
    reserve("p1", portSpec(NET));
    NetworkDataplane first = ok(dataplane());
    assertSame(first, ok(dataplane()), "asked again with no event in between: the view derived before");
    bind("p1", ON_DP1);
    NetworkDataplane afterBind = ok(dataplane());
    assertEquals(first.version() + 1, afterBind.version());
    assertEquals(ON_DP1, member(afterBind, "p1").binding());
    var same = secure("p1", true);
    assertTrue(same.hasNoEvents());
    assertSame(afterBind, ok(dataplane()));
    secure("p1", false);
    assertFalse(member(ok(dataplane()), "p1").portSecurityEnabled());
  }

  @Test
  void anEventFromBeforeGroupsWereRecordedKeepsTheMembersGroups() {
    NetworkEntity.State withGroups = NetworkEntity.evolve(NetworkEntity.initialState(), new NetworkEntity.AddressesReserved(
        new AddressReservation("p1", "fa:16:3e:00:00:01", List.of()), true, ORIGIN, null, List.of(), List.of("sg-web")), 1);
    NetworkEntity.State after = NetworkEntity.evolve(withGroups, new NetworkEntity.MemberSecurityChanged("p1", false), 2);
    assertEquals(Map.of("p1", List.of("sg-web")), after.memberGroups());
  }

  @Test
  void aWatcherHostingNoMemberGetsEveryLaterView() {
    created();
    var asked = kit.<Outcome<NetworkDataplane>>runCommand(replyTo -> new NetworkEntity.GetDataplane(DP2, replyTo));
    assertEquals(1, ok(asked.reply()).version()); // created
    published.expectNoMessage();
    reserve("p1", portSpec(NET));
    assertEquals(2, publishedTo(DP2).version());
    bind("p1", ON_DP1);
    assertEquals(3, publishedTo(DP1, DP2).version());
    kit.runCommand(new NetworkEntity.StopWatching(DP2));
    secure("p1", false);
    assertEquals(4, publishedTo(DP1).version(), "no more views for a datapath that stopped routing here");
  }

  @Test
  void aBoundMemberIsPublishedToItsDatapathOnce() {
    created();
    AddressReservation p1 = reserve("p1", portSpec(NET));
    published.expectNoMessage(); // no datapath hosts the network yet
    var bound = bind("p1", ON_DP1);
    assertEquals("p1", ok(bound.reply()));
    assertEquals(new NetworkEntity.MemberBound("p1", ON_DP1), bound.event());
    NetworkDataplane view = publishedTo(DP1);
    assertEquals(3, view.version()); // created, reserved, bound
    assertEquals(Set.of(DP1), view.datapathIds());
    assertEquals(new DataplaneMember("p1", p1.macAddress(), List.of("10.0.0.3"), true, ON_DP1), member(view, "p1"));
    assertEquals(view, ok(dataplane()));

    var again = bind("p1", ON_DP1);
    assertEquals("p1", ok(again.reply()));
    assertTrue(again.hasNoEvents());
    published.expectNoMessage();
  }

  @Test
  void aMovedMemberIsPublishedToItsOldAndNewDatapaths() {
    created();
    reserve("p1", portSpec(NET));
    reserve("p2", portSpec(NET));
    bind("p1", ON_DP1);
    publishedTo(DP1);
    bind("p2", ON_DP1);
    long before = publishedTo(DP1).version();

    ok(bind("p1", ON_DP2).reply());
    NetworkDataplane moved = publishedTo(DP1, DP2);
    assertTrue(moved.version() > before);
    assertEquals(ON_DP2, member(moved, "p1").binding());
    assertEquals(List.of("p2"), moved.membersOn(DP1).stream().map(DataplaneMember::portId).toList());
    assertEquals(List.of("p1"), moved.membersOn(DP2).stream().map(DataplaneMember::portId).toList());

    // the old hypervisor reports the unplug late: the port stays where it went
    var late = unbind("p1", DP1);
    assertEquals("p1", ok(late.reply()));
    assertTrue(late.hasNoEvents());
    published.expectNoMessage();
    assertEquals(ON_DP2, member(ok(dataplane()), "p1").binding());

    // the last port leaves DP2: DP2 learns it, DP1 (still hosting p2) too
    var unplugged = unbind("p1", DP2);
    assertEquals(new NetworkEntity.MemberUnbound("p1", DP2), unplugged.event());
    NetworkDataplane after = publishedTo(DP1, DP2);
    assertNull(member(after, "p1").binding());
    assertEquals(Set.of(DP1), after.datapathIds());
    assertTrue(after.version() > moved.version());
  }

  @Test
  void releasingABoundMemberIsPublished() {
    created();
    reserve("p1", portSpec(NET));
    reserve("p2", portSpec(NET));
    bind("p1", ON_DP1);
    publishedTo(DP1);
    var released = release("p1");
    assertEquals(new NetworkEntity.AddressesReleased("p1", ORIGIN), released.event());
    NetworkDataplane view = publishedTo(DP1);
    assertEquals(List.of("p2"), view.members().stream().map(DataplaneMember::portId).toList());
    assertEquals(Set.of(), view.datapathIds());
    assertEquals(Map.of(), kit.getState().bindings());
    assertFalse(kit.getState().portSecurity().containsKey("p1"));
    // no datapath hosts the network any more: nobody to tell
    release("p2");
    published.expectNoMessage();
  }

  @Test
  void aNewPortIsPublishedToTheDatapathsHostingTheNetwork() {
    created();
    reserve("p1", portSpec(NET));
    bind("p1", ON_DP1);
    publishedTo(DP1);
    reserve("p2", portSpec(NET));
    // no flow changes for an unplugged port, but its datapaths' confirmations are what realize it
    NetworkDataplane view = publishedTo(DP1);
    assertNull(member(view, "p2").binding());
    assertEquals(view.version(), kit.getState().memberVersions().get("p2"));
    release("p2");
    assertFalse(publishedTo(DP1).members().stream().anyMatch(m -> m.portId().equals("p2")));
  }

  @Test
  void portSecurityChangesArePublished() {
    created();
    reserve("p1", portSpec(NET));
    bind("p1", ON_DP1);
    publishedTo(DP1);
    var changed = secure("p1", false);
    assertEquals("p1", ok(changed.reply()));
    assertEquals(new NetworkEntity.MemberSecurityChanged("p1", false, List.of(), List.of()), changed.event());
    assertFalse(member(publishedTo(DP1), "p1").portSecurityEnabled());
    var same = secure("p1", false);
    assertEquals("p1", ok(same.reply()));
    assertTrue(same.hasNoEvents());
    published.expectNoMessage();
  }

  @Test
  void dataplaneShowsEveryMemberInPortIdOrder() {
    NetworkView network = created();
    PortSpec insecure = new PortSpec(NET, "", null, List.of(new FixedIp(network.subnets().get(1).id(), null), new FixedIp(null, "10.0.0.20")),
        List.of(), false, true, "", "");
    AddressReservation b = reserve("port-b", insecure);
    AddressReservation a = reserve("port-a", portSpec(NET));
    var reserved = kit.<Outcome<AddressReservation>>runCommand(replyTo -> new NetworkEntity.ReserveAddresses("port-c", TENANT, portSpec(NET), ORIGIN, replyTo));
    assertEquals(new NetworkEntity.AddressesReserved(ok(reserved.reply()), true, ORIGIN), reserved.event());
    bind("port-b", ON_DP2);
    publishedTo(DP2);

    NetworkDataplane view = ok(dataplane());
    assertEquals(NET, view.networkId());
    assertEquals(4096, view.vni());
    assertEquals(1450, view.mtu());
    assertEquals(spec.subnets(), view.subnets());
    assertEquals(5, view.version());
    assertEquals(List.of("port-a", "port-b", "port-c"), view.members().stream().map(DataplaneMember::portId).toList());
    assertEquals(new DataplaneMember("port-a", a.macAddress(), List.of("10.0.0.3"), true, null), view.members().get(0));
    assertEquals(new DataplaneMember("port-b", b.macAddress(), List.of("10.0.1.3", "10.0.0.20"), false, ON_DP2), view.members().get(1));
  }

  @Test
  void networkUpdatesThatTheDatapathsImplementArePublished() {
    created();
    reserve("p1", portSpec(NET));
    bind("p1", ON_DP1);
    publishedTo(DP1);
    kit.<Outcome<NetworkView>>runCommand(replyTo -> new NetworkEntity.Update("renamed", null, null, null, ORIGIN, replyTo));
    published.expectNoMessage();
    kit.<Outcome<NetworkView>>runCommand(replyTo -> new NetworkEntity.Update(null, 1400, null, null, ORIGIN, replyTo));
    assertEquals(1400, publishedTo(DP1).mtu());
  }

  @Test
  void nothingAfterDeletion() {
    created();
    kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Delete(ORIGIN, r));
    rejected(dataplane(), ProblemCode.NOT_FOUND);
    rejected(bind("p1", ON_DP1).reply(), ProblemCode.NOT_FOUND);
    // the network hands its VNI back and persists that by itself: let it land before the next test clears the journal
    published.awaitAssert(java.time.Duration.ofSeconds(10), () -> {
      assertEquals(null, kit.getState().vniToReturn());
      return null;
    });
  }

  @Test
  void restartKeepsBindingsAndPortSecurity() {
    created();
    reserve("p1", new PortSpec(NET, "", null, null, List.of(), false, true, "", ""));
    reserve("p2", portSpec(NET));
    bind("p1", ON_DP1);
    bind("p2", ON_DP2);
    unbind("p2", DP2);
    secure("p2", false);
    NetworkEntity.State before = kit.getState();
    assertEquals(Map.of("p1", ON_DP1), before.bindings());
    assertEquals(Map.of("p1", false, "p2", false), before.portSecurity());
    NetworkDataplane view = ok(dataplane());
    assertEquals(before, kit.restart().state());
    assertEquals(view, ok(dataplane()));
  }
}
