package io.tenet.topology.port;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.networkSpec;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.rejected;
import static io.tenet.topology.testing.Fixtures.routerPortSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.model.TagChange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port's saga with its network. Networks are real {@link NetworkEntity} actors on the same
 * in-memory journal; where a test must hold or lose a message of the saga, the port talks to a
 * probe ("gate") that the test forwards to the real network by hand.
 */
class PortEntityTest {
  private static final String PORT = "port-1";
  private static final String TENANT = "tenant-1";
  private static final ActorTestKit testKit = ActorTestKit.create("PortEntityTest", Fixtures.persistenceConfig());
  /** Networks return their VNI here when deleted; these tests never delete one. */
  private static final org.apache.pekko.actor.typed.ActorRef<io.tenet.topology.vni.VniRegistry.Command> vniRegistry =
      testKit.spawn(io.tenet.topology.vni.VniRegistry.create());
  /** What the port entity reaches for each network id; filled per test. */
  private static final Map<String, RecipientRef<NetworkEntity.Command>> networks = new ConcurrentHashMap<>();
  private static final AtomicInteger networkCount = new AtomicInteger();
  private static final EventSourcedBehaviorTestKit<PortEntity.Command, PortEntity.Event, PortEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), PortEntity.create(PORT, networks::get));

  private String net;
  private ActorRef<NetworkEntity.Command> network;
  private String subnetId;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void freshPortAndNetwork() {
    kit.clear();
    net = "net-" + networkCount.incrementAndGet(); // network journals are not cleared: every test has its own
    network = testKit.spawn(NetworkEntity.create(net, () -> vniRegistry));
    networks.put(net, network);
    NetworkView view = ok(PortEntityTest.<NetworkEntity.Command, Outcome<NetworkView>>ask(network, replyTo -> new NetworkEntity.Create(TENANT, networkSpec(net, "blue", "10.0.0.0/24"), 4096, ORIGIN, replyTo)));
    subnetId = view.subnets().get(0).id();
  }

  private static <M, R> R ask(RecipientRef<M> target, Function<ActorRef<R>, M> command) {
    TestProbe<R> probe = testKit.createTestProbe();
    target.tell(command.apply(probe.ref()));
    R answer = probe.receiveMessage();
    probe.stop();
    return answer;
  }

  private List<String> networkPorts() {
    return List.copyOf(ok(PortEntityTest.<NetworkEntity.Command, Outcome<NetworkEntity.PortRealizations>>ask(network, NetworkEntity.GetPortRealizations::new)).byPort().keySet());
  }

  /** Sends a create and waits for its answer, which comes once the network has answered the port. */
  private static Outcome<PortView> create(String tenant, PortSpec spec) {
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(tenant, spec, ORIGIN, client.ref()));
    return client.receiveMessage();
  }

  private static Outcome<PortView> delete(boolean byOwner) {
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Delete(byOwner, ORIGIN, client.ref()));
    return client.receiveMessage();
  }

  private static Outcome<PortView> get() {
    return kit.<Outcome<PortView>>runCommand(PortEntity.Get::new).reply();
  }

  private static EventSourcedBehaviorTestKit.CommandResultWithReply<PortEntity.Command, PortEntity.Event, PortEntity.State, Outcome<PortView>> update(PortPatch patch) {
    return kit.runCommand(replyTo -> new PortEntity.Update(patch, ORIGIN, replyTo));
  }

  private static PortPatch rename(String name) {
    return new PortPatch(name, null, null, null, null, null, null, null);
  }

  /** Routes the port's messages for the current network through a probe the test drives. */
  private TestProbe<NetworkEntity.Command> gate() {
    TestProbe<NetworkEntity.Command> gate = testKit.createTestProbe();
    networks.put(net, gate.ref());
    return gate;
  }

  @Test
  void createReservesAddressesAndAnswersWithThem() {
    PortView view = ok(create(TENANT, portSpec(net)));
    assertEquals(PORT, view.id());
    assertEquals(TENANT, view.tenantId());
    assertEquals(net, view.networkId());
    assertEquals(List.of(new FixedIp(subnetId, "10.0.0.3")), view.fixedIps());
    assertTrue(view.macAddress().startsWith("fa:16:3e:"), view.macAddress());
    assertEquals("DOWN", view.status());
    assertNull(view.binding());
    assertEquals(1, view.revision());
    assertInstanceOf(PortEntity.Active.class, kit.getState());
    assertEquals(view, ok(get()));
    // the network holds exactly these addresses for the port
    assertEquals(List.of(PORT), networkPorts());
    AddressReservation held = ok(PortEntityTest.<NetworkEntity.Command, Outcome<AddressReservation>>ask(network, replyTo -> new NetworkEntity.ReserveAddresses(PORT, TENANT, portSpec(net), ORIGIN, replyTo)));
    assertEquals(new AddressReservation(PORT, view.macAddress(), view.fixedIps()), held);
  }

  @Test
  void retriedCreateAnswersAsTheFirstAndAConflictingOneIsRefused() {
    PortView view = ok(create(TENANT, portSpec(net)));
    var retry = kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Create(TENANT, portSpec(net), ORIGIN, replyTo));
    assertEquals(view, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
    var other = kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Create(TENANT, portSpec(net, null, List.of(new FixedIp(null, "10.0.0.9"))), ORIGIN, replyTo));
    rejected(other.reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertTrue(other.hasNoEvents());
    rejected(kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Create("tenant-2", portSpec(net), ORIGIN, replyTo)).reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertEquals(List.of(PORT), networkPorts());
  }

  @Test
  void refusedReservationLeavesNoPort() {
    ok(PortEntityTest.<NetworkEntity.Command, Outcome<AddressReservation>>ask(network, replyTo -> new NetworkEntity.ReserveAddresses("other-port", TENANT, portSpec(net, null, List.of(new FixedIp(null, "10.0.0.50"))), ORIGIN, replyTo)));
    rejected(create(TENANT, portSpec(net, null, List.of(new FixedIp(null, "10.0.0.50")))), ProblemCode.IP_IN_USE, "fixed_ips[0].ip_address");
    assertInstanceOf(PortEntity.Empty.class, kit.getState());
    rejected(get(), ProblemCode.NOT_FOUND);
    assertEquals(List.of("other-port"), networkPorts());
    assertInstanceOf(PortEntity.Empty.class, kit.restart().state());
    // the id is still free: a valid request succeeds
    assertEquals(List.of(new FixedIp(subnetId, "10.0.0.3")), ok(create(TENANT, portSpec(net))).fixedIps());
  }

  @Test
  void networkOfAnotherTenantIsNotFound() {
    rejected(create("tenant-2", portSpec(net)), ProblemCode.NOT_FOUND, "network_id");
    assertInstanceOf(PortEntity.Empty.class, kit.getState());
    assertEquals(List.of(), networkPorts());
  }

  @Test
  void readsWaitWhileTheSagaRuns() {
    TestProbe<NetworkEntity.Command> gate = gate();
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, client.ref()));
    NetworkEntity.ReserveAddresses asked = gate.expectMessageClass(NetworkEntity.ReserveAddresses.class);
    assertEquals(PORT, asked.portId());
    assertEquals(TENANT, asked.tenantId());
    assertInstanceOf(PortEntity.Pending.class, kit.getState());
    TestProbe<Outcome<PortView>> reader = testKit.createTestProbe();
    TestProbe<Outcome<PortView>> sameCreate = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Get(reader.ref()));
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, sameCreate.ref()));
    network.tell(asked); // the network answers the port directly
    PortView view = ok(client.receiveMessage());
    assertEquals(view, ok(sameCreate.receiveMessage()));
    assertEquals(view, ok(reader.receiveMessage())); // not "not found": the read waited for the saga
  }

  @Test
  void sagaInterruptedAfterTheReservationResumesWithTheSameAddresses() {
    TestProbe<NetworkEntity.Command> gate = gate();
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, client.ref()));
    NetworkEntity.ReserveAddresses first = gate.expectMessageClass(NetworkEntity.ReserveAddresses.class);
    assertInstanceOf(PortEntity.Pending.class, kit.getState());

    // The network reserves, but its answer never reaches the port, which then crashes.
    TestProbe<Outcome<AddressReservation>> lost = testKit.createTestProbe();
    network.tell(new NetworkEntity.ReserveAddresses(first.portId(), first.tenantId(), first.spec(), ORIGIN, lost.ref()));
    AddressReservation reserved = ok(lost.receiveMessage());
    assertInstanceOf(PortEntity.Pending.class, kit.restart().state());

    // Recovery resumes the saga: the same request again, answered with the same reservation.
    NetworkEntity.ReserveAddresses resumed = gate.expectMessageClass(NetworkEntity.ReserveAddresses.class);
    assertEquals(first.portId(), resumed.portId());
    assertEquals(first.spec(), resumed.spec());
    network.tell(resumed);

    // The first caller's reply died with the crash; its retry gets the finished port.
    PortView view = ok(create(TENANT, portSpec(net)));
    assertEquals(reserved.macAddress(), view.macAddress());
    assertEquals(reserved.fixedIps(), view.fixedIps());
    assertInstanceOf(PortEntity.Active.class, kit.getState());
    // one reservation, no orphan: the next port gets the next address
    assertEquals(List.of(PORT), networkPorts());
    AddressReservation next = ok(PortEntityTest.<NetworkEntity.Command, Outcome<AddressReservation>>ask(network, replyTo -> new NetworkEntity.ReserveAddresses("port-2", TENANT, portSpec(net), ORIGIN, replyTo)));
    assertEquals("10.0.0.4", next.fixedIps().get(0).ipAddress());
  }

  @Test
  void sagaInterruptedBeforeTheNetworkHeardResumes() {
    TestProbe<NetworkEntity.Command> gate = gate();
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, client.ref()));
    gate.expectMessageClass(NetworkEntity.ReserveAddresses.class); // lost with the crash
    kit.restart();
    network.tell(gate.expectMessageClass(NetworkEntity.ReserveAddresses.class));
    PortView view = ok(create(TENANT, portSpec(net)));
    assertEquals(List.of(new FixedIp(subnetId, "10.0.0.3")), view.fixedIps());
    assertEquals(List.of(PORT), networkPorts());
  }

  @Test
  void deleteReleasesTheAddresses() {
    PortView view = ok(create(TENANT, portSpec(net)));
    assertEquals(view, ok(delete(false)));
    assertInstanceOf(PortEntity.Deleted.class, kit.getState());
    assertEquals(List.of(), networkPorts());
    // the address is free again, and the network may go
    AddressReservation next = ok(PortEntityTest.<NetworkEntity.Command, Outcome<AddressReservation>>ask(network, replyTo -> new NetworkEntity.ReserveAddresses("port-2", TENANT, portSpec(net), ORIGIN, replyTo)));
    assertEquals(view.fixedIps(), next.fixedIps());
    ok(PortEntityTest.<NetworkEntity.Command, Outcome<String>>ask(network, replyTo -> new NetworkEntity.ReleaseAddresses("port-2", ORIGIN, replyTo)));
    ok(PortEntityTest.<NetworkEntity.Command, Outcome<NetworkView>>ask(network, r -> new NetworkEntity.Delete(ORIGIN, r)));
  }

  @Test
  void deletedIdIsNeverReused() {
    ok(create(TENANT, portSpec(net)));
    ok(delete(false));
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(update(rename("x")).reply(), ProblemCode.NOT_FOUND);
    rejected(kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Delete(false, ORIGIN, replyTo)).reply(), ProblemCode.NOT_FOUND);
    var again = kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Create(TENANT, portSpec(net), ORIGIN, replyTo));
    rejected(again.reply(), ProblemCode.ALREADY_EXISTS);
    assertTrue(again.hasNoEvents());
    assertInstanceOf(PortEntity.Deleted.class, kit.restart().state());
    rejected(kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Create(TENANT, portSpec(net), ORIGIN, replyTo)).reply(), ProblemCode.ALREADY_EXISTS);
    assertEquals(List.of(), networkPorts());
  }

  @Test
  void deleteInterruptedByACrashResumes() {
    PortView view = ok(create(TENANT, portSpec(net)));
    TestProbe<NetworkEntity.Command> gate = gate();
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Delete(false, ORIGIN, client.ref()));
    gate.expectMessageClass(NetworkEntity.ReleaseAddresses.class); // lost with the crash
    PortEntity.State recovered = kit.restart().state();
    assertEquals(new PortEntity.Deleting(view, portSpec(net), ORIGIN), recovered);
    TestProbe<Outcome<PortView>> lateCreate = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, lateCreate.ref())); // waits for the deletion
    network.tell(gate.expectMessageClass(NetworkEntity.ReleaseAddresses.class));
    rejected(lateCreate.receiveMessage(), ProblemCode.ALREADY_EXISTS);
    assertInstanceOf(PortEntity.Deleted.class, kit.getState());
    assertEquals(List.of(), networkPorts());
  }

  @Test
  void routerInterfacePortIsDeletedOnlyByItsRouter() {
    PortView view = ok(create(TENANT, routerPortSpec(net, "router-1", List.of(new FixedIp(subnetId, "10.0.0.1")))));
    assertEquals(List.of(new FixedIp(subnetId, "10.0.0.1")), view.fixedIps());
    assertEquals(PortSpec.ROUTER_INTERFACE_OWNER, view.deviceOwner());
    var refused = kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Delete(false, ORIGIN, replyTo));
    rejected(refused.reply(), ProblemCode.OWNED_BY_ROUTER);
    assertTrue(refused.hasNoEvents());
    assertEquals(view, ok(get()));
    assertEquals(view, ok(delete(true)));
    assertEquals(List.of(), networkPorts());
  }

  @Test
  void updateIncrementsTheRevisionOnlyOnChange() {
    PortView v1 = ok(create(TENANT, portSpec(net)));
    var renamed = update(new PortPatch("web", List.of("sg-1"), null, false, null, "vm-1", null, null));
    PortView v2 = ok(renamed.reply());
    assertEquals("web", v2.name());
    assertEquals(List.of("sg-1"), v2.securityGroupIds());
    assertEquals(false, v2.adminStateUp());
    assertEquals("vm-1", v2.deviceId());
    assertEquals(2, v2.revision());
    assertEquals(v1.createdAt(), v2.createdAt());
    assertEquals(v1.macAddress(), v2.macAddress());
    assertEquals(v1.fixedIps(), v2.fixedIps());
    assertInstanceOf(PortEntity.PortUpdated.class, renamed.event());
    var same = update(rename("web"));
    assertEquals(v2, ok(same.reply()));
    assertTrue(same.hasNoEvents());
    assertTrue(update(new PortPatch(null, null, null, null, null, null, null, null)).hasNoEvents());
    assertEquals(v2, ok(get()));
  }

  @Test
  void refusedUpdatesWriteNothing() {
    ok(create(TENANT, portSpec(net)));
    var mac = update(new PortPatch(null, null, null, null, null, null, "fa:16:3e:00:00:99", null));
    rejected(mac.reply(), ProblemCode.NOT_UPDATABLE, "mac_address");
    assertTrue(mac.hasNoEvents());
    rejected(update(new PortPatch(null, null, null, null, null, null, null, List.of(new FixedIp(null, "10.0.0.9")))).reply(), ProblemCode.NOT_UPDATABLE, "fixed_ips");
    var insecure = update(new PortPatch(null, List.of("sg-1"), false, null, null, null, null, null));
    rejected(insecure.reply(), ProblemCode.PORT_SECURITY_DISABLED, "security_group_ids");
    assertTrue(insecure.hasNoEvents());
    assertEquals(1, ok(get()).revision());
  }

  @Test
  void restartKeepsTheState() {
    ok(create(TENANT, portSpec(net)));
    update(rename("web"));
    PortEntity.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(((PortEntity.Active) before).view(), ok(get()));
    assertEquals(List.of(PORT), networkPorts()); // recovery of a finished port asks nothing of the network
  }

  @Test
  void stateSurvivesASnapshot() {
    ok(create(TENANT, portSpec(net)));
    for (int i = 0; i < 55; i++) update(rename("name-" + i));
    PortEntity.State before = kit.getState();
    assertEquals(56, ((PortEntity.Active) before).view().revision());
    assertEquals(1, kit.snapshotTestKit().orElseThrow().persistedInStorage(PortEntity.ENTITY_KEY.name() + "|" + PORT).size());
    assertEquals(before, kit.restart().state());
  }

  @Test
  void aRetriedCreateAfterAnUpdateAnswersWithTheCurrentPort() {
    PortSpec spec = portSpec(net);
    ok(create(TENANT, spec));
    PortView renamed = ok(update(rename("renamed")).reply());
    assertEquals(renamed, ok(create(TENANT, spec)));
  }

  private static Outcome<PortView> tag(TagChange change) {
    return kit.<Outcome<PortView>>runCommand(r -> new PortEntity.ChangeTags(change, ORIGIN, r)).reply();
  }

  @Test
  void tagsSurviveUpdatesAndAreGoneWithThePort() {
    rejected(tag(new TagChange.Add("early")), ProblemCode.NOT_FOUND);
    ok(create(TENANT, portSpec(net)));
    assertEquals(List.of("vm-7"), ok(tag(new TagChange.Add("vm-7"))).tags());
    assertEquals(List.of("vm-7"), ok(update(rename("eth0")).reply()).tags());
    assertEquals(List.of("vm-7"), ok(get()).tags());
    assertEquals(List.of("vm-7"), ((PortEntity.Active) kit.restart().state()).view().tags());
    ok(delete(false));
    rejected(tag(new TagChange.Add("late")), ProblemCode.NOT_FOUND);
  }
}
