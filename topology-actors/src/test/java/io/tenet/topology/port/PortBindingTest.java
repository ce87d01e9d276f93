package io.tenet.topology.port;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.networkSpec;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.vni.VniRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Datapaths binding and unbinding a port: the port records it, its network records it and
 * publishes its view to the datapaths. As in {@link PortEntityTest}, networks are real entities
 * (each publishing to a probe standing for the datapaths), reached through a "gate" probe where a
 * test must hold or answer a message itself.
 */
class PortBindingTest {
  private static final String PORT = "port-1";
  private static final String TENANT = "tenant-1";
  private static final String DP1 = "0000000000000001";
  private static final String DP2 = "0000000000000002";
  private static final PortBinding ON_DP1 = new PortBinding(DP1, "hv-1", "192.168.0.1", 5);
  private static final PortBinding ON_DP2 = new PortBinding(DP2, "hv-2", "192.168.0.2", 9);

  record Published(String datapathId, NetworkDataplane view) {}

  private static final ActorTestKit testKit = ActorTestKit.create("PortBindingTest", Fixtures.persistenceConfig());
  private static final ActorRef<VniRegistry.Command> vniRegistry = testKit.spawn(VniRegistry.create());
  private static final Map<String, RecipientRef<NetworkEntity.Command>> networks = new ConcurrentHashMap<>();
  private static final AtomicInteger networkCount = new AtomicInteger();
  private static final EventSourcedBehaviorTestKit<PortEntity.Command, PortEntity.Event, PortEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), PortEntity.create(PORT, networks::get));

  private String net;
  private ActorRef<NetworkEntity.Command> network;
  private TestProbe<Published> published;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void freshPortAndNetwork() {
    kit.clear();
    net = "net-" + networkCount.incrementAndGet(); // network journals are not cleared: every test has its own
    published = testKit.createTestProbe();
    ActorRef<Published> datapaths = published.ref();
    network = testKit.spawn(NetworkEntity.create(net, () -> vniRegistry,
        DataplaneSink.of((datapathId, view) -> datapaths.tell(new Published(datapathId, view)), (datapathId, router) -> {}, (datapathId, group) -> {})));
    networks.put(net, network);
    ok(PortBindingTest.<NetworkEntity.Command, Outcome<NetworkView>>ask(network, replyTo -> new NetworkEntity.Create(TENANT, networkSpec(net, "blue", "10.0.0.0/24"), 4096, ORIGIN, replyTo)));
  }

  private static <M, R> R ask(RecipientRef<M> target, Function<ActorRef<R>, M> command) {
    TestProbe<R> probe = testKit.createTestProbe();
    target.tell(command.apply(probe.ref()));
    R answer = probe.receiveMessage();
    probe.stop();
    return answer;
  }

  private PortView createdPort() {
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, client.ref()));
    return ok(client.receiveMessage());
  }

  /** A datapath's bind: the events it wrote, and the answer it got once the network had answered. */
  private record Answered(List<PortEntity.Event> events, Outcome<String> answer) {}

  private static Answered bind(PortBinding binding) {
    TestProbe<Outcome<String>> datapath = testKit.createTestProbe();
    var result = kit.runCommand(new PortEntity.Bind(binding, datapath.ref()));
    return new Answered(result.events(), datapath.receiveMessage());
  }

  private static Answered unbind(String datapathId) {
    TestProbe<Outcome<String>> datapath = testKit.createTestProbe();
    var result = kit.runCommand(new PortEntity.Unbind(datapathId, datapath.ref()));
    return new Answered(result.events(), datapath.receiveMessage());
  }

  private static PortView view() {
    return ok(kit.<Outcome<PortView>>runCommand(PortEntity.Get::new).reply());
  }

  private NetworkDataplane networkDataplane() {
    return ok(PortBindingTest.<NetworkEntity.Command, Outcome<NetworkDataplane>>ask(network, NetworkEntity.GetDataplane::new));
  }

  private static DataplaneMember member(NetworkDataplane view) {
    return view.members().stream().filter(m -> m.portId().equals(PORT)).findFirst().orElseThrow();
  }

  /** The views published for the last change, one per datapath in order, all the same. */
  private NetworkDataplane publishedTo(String... datapathIds) {
    List<Published> received = published.receiveSeveralMessages(datapathIds.length);
    assertEquals(List.of(datapathIds), received.stream().map(Published::datapathId).toList());
    received.forEach(p -> assertEquals(received.get(0).view(), p.view()));
    published.expectNoMessage();
    return received.get(0).view();
  }

  private TestProbe<NetworkEntity.Command> gate() {
    TestProbe<NetworkEntity.Command> gate = testKit.createTestProbe();
    networks.put(net, gate.ref());
    return gate;
  }

  @Test
  void bindingMakesThePortActiveAndReachesTheDatapath() {
    PortView before = createdPort();
    Answered bound = bind(ON_DP1);
    assertEquals(net, ok(bound.answer()));
    assertEquals(1, bound.events().size());
    assertEquals(ON_DP1, ((PortEntity.PortBound) bound.events().get(0)).binding());
    PortView after = view();
    assertEquals("ACTIVE", after.status());
    assertEquals(ON_DP1, after.binding());
    assertEquals(before.revision() + 1, after.revision());
    assertTrue(!after.updatedAt().isBefore(before.updatedAt()));

    NetworkDataplane first = publishedTo(DP1);
    assertEquals(new DataplaneMember(PORT, before.macAddress(), List.of("10.0.0.3"), true, ON_DP1), member(first));
    assertEquals(first, networkDataplane());

    // the datapath retries: nothing new anywhere, and it is answered again
    Answered again = bind(ON_DP1);
    assertEquals(net, ok(again.answer()));
    assertEquals(List.of(), again.events());
    published.expectNoMessage();
    assertEquals(after, view());

    // re-plugged on the same datapath with another OpenFlow port: a new binding, a newer view
    PortBinding replugged = new PortBinding(DP1, "hv-1", "192.168.0.1", 6);
    assertEquals(net, ok(bind(replugged).answer()));
    NetworkDataplane second = publishedTo(DP1);
    assertTrue(second.version() > first.version());
    assertEquals(replugged, member(second).binding());
  }

  /** Clouds plug the VM first: the bind before creation is refused, and applied by the port itself once it is created. */
  @Test
  void aPortPluggedBeforeItExistsIsBoundOnCreation() {
    Answered early = bind(ON_DP1);
    assertEquals(ProblemCode.NOT_FOUND, rejected(early.answer()).code());
    assertEquals(List.of(), early.events());
    createdPort();
    NetworkDataplane view = publishedTo(DP1);
    assertEquals(ON_DP1, member(view).binding());
    assertEquals("ACTIVE", view().status());
    assertEquals(ON_DP1, view().binding());
  }

  @Test
  void anEarlyPlugThatWasUnpluggedBeforeCreationIsForgotten() {
    bind(ON_DP1);
    assertEquals(ProblemCode.NOT_FOUND, rejected(unbind(DP1).answer()).code());
    createdPort();
    published.expectNoMessage();
    assertEquals("DOWN", view().status());
  }

  @Test
  void aMigratedPortIsPublishedToBothHostsAndTheOldHostsUnplugChangesNothing() {
    createdPort();
    bind(ON_DP1);
    long before = publishedTo(DP1).version();

    Answered moved = bind(ON_DP2);
    assertEquals(net, ok(moved.answer()));
    assertEquals(ON_DP2, view().binding());
    NetworkDataplane view = publishedTo(DP1, DP2);
    assertTrue(view.version() > before);
    assertEquals(List.of(), view.membersOn(DP1));
    assertEquals(ON_DP2, member(view).binding());

    // the old hypervisor reports the unplug after the new one reported the plug
    Answered late = unbind(DP1);
    assertEquals(net, ok(late.answer()));
    assertEquals(List.of(), late.events());
    assertEquals("ACTIVE", view().status());
    assertEquals(ON_DP2, view().binding());
    published.expectNoMessage();
    assertEquals(ON_DP2, member(networkDataplane()).binding());
  }

  @Test
  void unbindingFromTheCurrentDatapathTakesThePortDown() {
    createdPort();
    bind(ON_DP1);
    long before = publishedTo(DP1).version();
    long revision = view().revision();
    Answered unbound = unbind(DP1);
    assertEquals(net, ok(unbound.answer()));
    assertEquals(List.of(DP1), unbound.events().stream().map(e -> ((PortEntity.PortUnbound) e).datapathId()).toList());
    PortView view = view();
    assertEquals("DOWN", view.status());
    assertNull(view.binding());
    assertEquals(revision + 1, view.revision());
    NetworkDataplane published = publishedTo(DP1);
    assertTrue(published.version() > before);
    assertNull(member(published).binding());
    assertEquals(Set.of(), published.datapathIds());
    // again: nothing to do, still ok
    Answered again = unbind(DP1);
    assertEquals(net, ok(again.answer()));
    assertEquals(List.of(), again.events());
  }

  @Test
  void aPortThatDoesNotExistIsNotFound() {
    rejected(bind(ON_DP1).answer(), ProblemCode.NOT_FOUND);
    rejected(unbind(DP1).answer(), ProblemCode.NOT_FOUND);
    assertInstanceOf(PortEntity.Empty.class, kit.getState());
    createdPort();
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Delete(false, ORIGIN, client.ref()));
    ok(client.receiveMessage());
    rejected(bind(ON_DP1).answer(), ProblemCode.NOT_FOUND);
    rejected(unbind(DP1).answer(), ProblemCode.NOT_FOUND);
    published.expectNoMessage();
  }

  @Test
  void deletingABoundPortRemovesItFromItsDatapath() {
    createdPort();
    bind(ON_DP1);
    publishedTo(DP1);
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Delete(false, ORIGIN, client.ref()));
    ok(client.receiveMessage());
    NetworkDataplane view = publishedTo(DP1);
    assertEquals(List.of(), view.members());
  }

  @Test
  void aBindDuringCreationIsAnsweredOnceThePortExists() {
    TestProbe<NetworkEntity.Command> gate = gate();
    TestProbe<Outcome<PortView>> client = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Create(TENANT, portSpec(net), ORIGIN, client.ref()));
    NetworkEntity.ReserveAddresses reserve = gate.expectMessageClass(NetworkEntity.ReserveAddresses.class);
    TestProbe<Outcome<String>> datapath = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Bind(ON_DP1, datapath.ref()));
    networks.put(net, network);
    network.tell(reserve);
    ok(client.receiveMessage());
    assertEquals(net, ok(datapath.receiveMessage()));
    assertEquals(ON_DP1, view().binding());
    publishedTo(DP1);
  }

  @Test
  void aNetworkThatDoesNotAnswerIsReportedAsUnavailableAndTheRetryCompletesTheBinding() {
    createdPort();
    TestProbe<NetworkEntity.Command> gate = gate();
    TestProbe<Outcome<String>> datapath = testKit.createTestProbe();
    kit.runCommand(new PortEntity.Bind(ON_DP1, datapath.ref()));
    gate.expectMessageClass(NetworkEntity.BindMember.class); // lost
    Problem problem = rejected(datapath.receiveMessage(PortEntity.STEP_TIMEOUT.plusSeconds(3)), ProblemCode.STORAGE_UNAVAILABLE);
    assertTrue(problem.message().contains(net), problem.message());
    assertEquals(ON_DP1, view().binding()); // the port recorded it; the network did not hear
    networks.put(net, network);
    Answered retried = bind(ON_DP1);
    assertEquals(net, ok(retried.answer()));
    assertEquals(List.of(), retried.events());
    assertEquals(ON_DP1, member(publishedTo(DP1)).binding());
  }

  @Test
  void portSecurityChangesReachTheNetworkAndItsDatapaths() {
    createdPort();
    bind(ON_DP1);
    publishedTo(DP1);
    var updated = kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Update(new PortPatch(null, null, false, null, null, null, null, null), ORIGIN, replyTo));
    assertFalse(ok(updated.reply()).portSecurityEnabled());
    assertFalse(member(publishedTo(DP1)).portSecurityEnabled());
    // a change the datapaths do not implement tells the network nothing
    kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Update(new PortPatch("renamed", null, null, null, null, null, null, null), ORIGIN, replyTo));
    published.expectNoMessage();
  }

  @Test
  void aPortSecurityChangeTheNetworkRefusedIsRetriedWithTheCurrentFlag() {
    createdPort();
    TestProbe<NetworkEntity.Command> gate = gate();
    kit.<Outcome<PortView>>runCommand(replyTo -> new PortEntity.Update(new PortPatch(null, null, false, null, null, null, null, null), ORIGIN, replyTo));
    NetworkEntity.SetMemberSecurity first = gate.expectMessageClass(NetworkEntity.SetMemberSecurity.class);
    assertFalse(first.enabled());
    first.replyTo().tell(Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, "journal down")));
    NetworkEntity.SetMemberSecurity retry = gate.expectMessageClass(NetworkEntity.SetMemberSecurity.class, PortEntity.STEP_RETRY.plusSeconds(3));
    assertEquals(new NetworkEntity.SetMemberSecurity(PORT, false, List.of(), List.of(), retry.replyTo()), retry);
    network.tell(retry);
    gate.expectNoMessage(PortEntity.STEP_RETRY.plus(Duration.ofMillis(500))); // answered: no further retry
    assertFalse(member(networkDataplane()).portSecurityEnabled());
  }

  @Test
  void restartKeepsTheBinding() {
    createdPort();
    bind(ON_DP1);
    PortEntity.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(ON_DP1, view().binding());
    assertEquals("ACTIVE", view().status());
    unbind(DP1);
    PortEntity.State down = kit.getState();
    assertEquals(down, kit.restart().state());
    assertEquals("DOWN", view().status());
  }
}
