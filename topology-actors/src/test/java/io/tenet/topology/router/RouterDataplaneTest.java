package io.tenet.topology.router;
import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.FloatingIpBinding;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.realization.DatapathRealization;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationState;
import io.tenet.topology.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view a router gives the datapaths routing for it, and its pushes to the ones that asked. */
class RouterDataplaneTest {
  private static final String ROUTER = "router-1";
  private static final String DP1 = "0000000000000001";

  record Published(String datapathId, RouterDataplane view) {}

  private static final ActorTestKit testKit = ActorTestKit.create("RouterDataplaneTest", Fixtures.persistenceConfig());
  private static final AtomicReference<ActorRef<Published>> datapaths = new AtomicReference<>();
  private static final EventSourcedBehaviorTestKit<RouterEntity.Command, RouterEntity.Event, RouterEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), RouterEntity.create(ROUTER,
          DataplaneSink.of((datapathId, network) -> {}, (datapathId, view) -> datapaths.get().tell(new Published(datapathId, view)), (datapathId, group) -> {})));
  private static final RouterInterface BLUE = new RouterInterface("port-blue", "net-blue", "sub-blue", "10.0.0.1", "10.0.0.0/24");

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

  private static Outcome<RouterDataplane> watch(String datapathId) {
    return kit.<Outcome<RouterDataplane>>runCommand(replyTo -> new RouterEntity.GetDataplane(datapathId, "hv-" + datapathId.substring(15), replyTo)).reply();
  }

  @Test
  void aWatcherGetsTheViewAndEveryChangeThatMattersToRouting() {
    rejected(watch(DP1), ProblemCode.NOT_FOUND);
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create("tenant-1", "edge", true, List.of(), ORIGIN, replyTo)).reply());
    RouterDataplane first = ok(watch(DP1));
    assertEquals(List.of(), first.interfaces());
    published.expectNoMessage();

    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(BLUE, ORIGIN, replyTo));
    Published added = published.receiveMessage();
    assertEquals(DP1, added.datapathId());
    assertEquals(List.of(BLUE), added.view().interfaces());
    assertEquals(first.version() + 1, added.view().version());

    List<HostRoute> routes = List.of(new HostRoute("192.168.50.0/24", "10.0.0.9"));
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Update(null, null, routes, ORIGIN, replyTo));
    assertEquals(routes, published.receiveMessage().view().routes());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Update(null, false, null, ORIGIN, replyTo));
    assertEquals(false, published.receiveMessage().view().adminStateUp());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Update("renamed", null, null, ORIGIN, replyTo));
    published.receiveMessage(); // a rename is pushed too (cheap, and a datapath ignores what does not change its flows)
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Update(null, null, List.of(), ORIGIN, replyTo)); // the route used BLUE
    assertEquals(List.of(), published.receiveMessage().view().routes());
    kit.<Outcome<RouterInterface>>runCommand(replyTo -> new RouterEntity.RemoveInterface("sub-blue", ORIGIN, replyTo));
    assertEquals(List.of(), published.receiveMessage().view().interfaces());
  }

  static ExternalGateway gateway(String cidr, String... hostDatapaths) {
    List<GatewayHost> hosts = new java.util.ArrayList<>();
    for (int i = 0; i < hostDatapaths.length; i++) hosts.add(new GatewayHost(hostDatapaths[i], "hv", "172.31.0." + (i + 2), hostDatapaths.length - i));
    return new ExternalGateway("public", true, "gw-port", "203.0.113.10", "fa:16:3e:00:0e:01", cidr, "203.0.113.1", 4200,
        new ProviderSegment(ProviderType.FLAT, "physnet1", null), hosts);
  }

  @Test
  void theGatewaysHostsGetTheViewWithoutAskingAndTheOldOnesLearnTheyAreDone() {
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create("tenant-1", "edge", true, List.of(), ORIGIN, replyTo)).reply());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(BLUE, ORIGIN, replyTo));
    ok(watch(DP1));
    String dp2 = "0000000000000002";
    String dp3 = "0000000000000003";
    RouterView set = ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(gateway("203.0.113.0/24", dp2), ORIGIN, replyTo)).reply());
    assertEquals("203.0.113.10", set.externalGateway().ipAddress());
    List<Published> sent = List.of(published.receiveMessage(), published.receiveMessage());
    assertEquals(java.util.Set.of(DP1, dp2), java.util.Set.of(sent.get(0).datapathId(), sent.get(1).datapathId()));
    assertTrue(sent.stream().allMatch(p -> p.view().externalGateway().equals(set.externalGateway())));
    published.expectNoMessage();

    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(gateway("203.0.113.0/24", dp3), ORIGIN, replyTo));
    assertEquals(java.util.Set.of(DP1, dp2, dp3), java.util.Set.of(published.receiveMessage().datapathId(), published.receiveMessage().datapathId(),
        published.receiveMessage().datapathId()), "the host it leaves learns it too");
    RouterView removed = ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(null, ORIGIN, replyTo)).reply());
    assertEquals(null, removed.externalGateway());
    assertEquals(java.util.Set.of(DP1, dp3), java.util.Set.of(published.receiveMessage().datapathId(), published.receiveMessage().datapathId()));
    assertTrue(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(null, ORIGIN, replyTo)).hasNoEvents(), "already none");
  }

  @Test
  void anExternalSubnetNeverOverlapsTheRoutersOwnAndADeleteWaitsForTheGatewayToGo() {
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create("tenant-1", "edge", true, List.of(), ORIGIN, replyTo)).reply());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(BLUE, ORIGIN, replyTo));
    var overlapping = kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(gateway("10.0.0.0/16", DP1), ORIGIN, replyTo));
    rejected(overlapping.reply(), ProblemCode.OVERLAPPING_SUBNET);
    assertTrue(overlapping.hasNoEvents());
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(gateway("203.0.113.0/24", DP1), ORIGIN, replyTo)).reply());
    RouterInterface inside = new RouterInterface("port-in", "net-in", "sub-in", "203.0.113.129", "203.0.113.128/25");
    rejected(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(inside, ORIGIN, replyTo)).reply(), ProblemCode.OVERLAPPING_SUBNET);
    kit.<Outcome<RouterInterface>>runCommand(replyTo -> new RouterEntity.RemoveInterface("sub-blue", ORIGIN, replyTo));
    rejected(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.Delete(ORIGIN, r)).reply(), ProblemCode.IN_USE);
    assertEquals(kit.getState(), kit.restart().state(), "the gateway survives a restart");
  }

  @Test
  void floatingIpsNeedTheGatewayAndKeepItAndTheirSubnetInPlace() {
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create("tenant-1", "edge", true, List.of(), ORIGIN, replyTo)).reply());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(BLUE, ORIGIN, replyTo));
    FloatingIpBinding a1 = new FloatingIpBinding("fip-1", "203.0.113.20", "10.0.0.3", "port-a1");
    rejected(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.AttachFloatingIp(a1, ORIGIN, r)).reply(), ProblemCode.EXTERNAL_UNREACHABLE);
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(gateway("203.0.113.0/24", DP1), ORIGIN, replyTo)).reply());
    published.receiveMessage();
    rejected(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.AttachFloatingIp(new FloatingIpBinding("fip-x", "203.0.113.21", "10.9.0.3", "p"), ORIGIN, r))
        .reply(), ProblemCode.EXTERNAL_UNREACHABLE);

    RouterView attached = ok(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.AttachFloatingIp(a1, ORIGIN, r)).reply());
    assertEquals(List.of(a1), attached.floatingIps());
    assertEquals(List.of(a1), published.receiveMessage().view().floatingIps(), "the gateway's host learns it");
    rejected(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.AttachFloatingIp(new FloatingIpBinding("fip-2", "203.0.113.22", "10.0.0.3", "port-a1"), ORIGIN, r))
        .reply(), ProblemCode.IN_USE);
    rejected(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(null, ORIGIN, replyTo)).reply(), ProblemCode.IN_USE);
    rejected(kit.<Outcome<RouterInterface>>runCommand(replyTo -> new RouterEntity.RemoveInterface("sub-blue", ORIGIN, replyTo)).reply(), ProblemCode.IN_USE);
    assertEquals(kit.getState(), kit.restart().state());

    assertEquals(List.of(), ok(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.DetachFloatingIp("fip-1", ORIGIN, r)).reply()).floatingIps());
    assertTrue(kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.DetachFloatingIp("fip-1", ORIGIN, r)).hasNoEvents(), "already gone");
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(null, ORIGIN, replyTo)).reply());
  }

  @Test
  void aHostThatTookTheGatewayOverStaysActiveUntilItFailsItselfAndEveryHostLearnsIt() {
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create("tenant-1", "edge", true, List.of(), ORIGIN, replyTo)).reply());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(BLUE, ORIGIN, replyTo));
    String dp2 = "0000000000000002";
    String dp3 = "0000000000000003";
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(gateway("203.0.113.0/24", dp2, dp3), ORIGIN, replyTo)).reply());
    published.receiveMessage();
    published.receiveMessage();
    assertEquals(dp2, get().externalGateway().activeHost().datapathId(), "the host with the highest priority");

    var takeover = kit.runCommand(new RouterEntity.TakeOverGateway(dp3));
    assertEquals(new RouterEntity.GatewayTakenOver(dp3, dp2, ((RouterEntity.GatewayTakenOver) takeover.event()).at()), takeover.event());
    assertEquals(dp3, get().externalGateway().activeHost().datapathId());
    assertEquals(java.util.Set.of(dp2, dp3), java.util.Set.of(published.receiveMessage().datapathId(), published.receiveMessage().datapathId()),
        "both hosts learn the new ranking");
    assertTrue(kit.runCommand(new RouterEntity.TakeOverGateway(dp3)).hasNoEvents(), "said again until the host sees it: once is recorded");
    assertTrue(kit.runCommand(new RouterEntity.TakeOverGateway("0000000000000009")).hasNoEvents(), "not a host of this gateway");
    published.expectNoMessage();

    ExternalGateway same = gateway("203.0.113.0/24", dp2, dp3);
    ExternalGateway withoutSnat = new ExternalGateway(same.networkId(), false, same.portId(), same.ipAddress(), same.macAddress(), same.cidr(), same.nextHop(),
        same.networkVni(), same.segment(), same.hosts());
    ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.SetExternalGateway(withoutSnat, ORIGIN, replyTo)).reply());
    assertEquals(dp3, get().externalGateway().activeHost().datapathId(), "changing the gateway on the same network does not move it back");
    assertEquals(kit.getState(), kit.restart().state(), "the active host survives a restart");
  }

  private static RouterView get() {
    return ok(kit.<Outcome<RouterView>>runCommand(RouterEntity.Get::new).reply());
  }

  @Test
  void theRoutersRealizationCountsTheDatapathsRoutingForItUntilTheyStop() {
    RouterView created = ok(kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create("tenant-1", "edge", true, List.of(), ORIGIN, replyTo)).reply());
    assertEquals(RealizationState.REALIZED, get().realization().state(), "nothing routes for it yet: nothing to wait for");
    assertEquals(null, created.realization(), "the entity's own copy carries none");
    long version = ok(watch(DP1)).version();
    Realization pending = get().realization();
    assertEquals(RealizationState.PENDING, pending.state());
    assertEquals(List.of(DP1), pending.missing().stream().map(DatapathRealization::datapathId).toList());

    kit.runCommand(new RouterEntity.ConfirmDataplane(DP1, "hv-1", version, Instant.now()));
    assertEquals(RealizationState.REALIZED, get().realization().state());
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.AddInterface(BLUE, ORIGIN, replyTo));
    published.receiveMessage();
    assertEquals(RealizationState.PENDING, get().realization().state(), "the new version is not confirmed yet");
    kit.runCommand(new RouterEntity.ReportDataplaneTrouble(DP1, "hv-1", new DataplaneTrouble(false, "the switch's OpenFlow connection closed", Instant.now())));
    assertTrue(get().realization().reason().contains("OpenFlow connection closed"), get().realization().reason());

    kit.runCommand(new RouterEntity.StopWatching(DP1));
    assertEquals(RealizationState.REALIZED, get().realization().state(), "a datapath that no longer routes for it is not waited for");
    kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Update("renamed", null, null, ORIGIN, replyTo));
    published.expectNoMessage();
  }
}
