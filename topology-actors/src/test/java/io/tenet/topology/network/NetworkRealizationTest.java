package io.tenet.topology.network;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.networkSpec;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.realization.DatapathRealization;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationState;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.vni.VniRegistry;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which version of the network (and of each member) the datapaths must confirm, and what the network answers from their confirmations. */
class NetworkRealizationTest {
  private static final String NET = "net-1";
  private static final String TENANT = "tenant-1";
  private static final String DP1 = "0000000000000001";
  private static final String DP2 = "0000000000000002";
  private static final PortBinding ON_DP1 = new PortBinding(DP1, "hv-1", "192.168.0.1", 5);
  private static final PortBinding ON_DP2 = new PortBinding(DP2, "hv-2", "192.168.0.2", 9);
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  private static final ActorTestKit testKit = ActorTestKit.create("NetworkRealizationTest", Fixtures.persistenceConfig());
  private static final ActorRef<VniRegistry.Command> registry = testKit.spawn(VniRegistry.create());
  private static final EventSourcedBehaviorTestKit<NetworkEntity.Command, NetworkEntity.Event, NetworkEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), NetworkEntity.create(NET, () -> registry));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static Realization network() {
    return ok(kit.<Outcome<NetworkView>>runCommand(NetworkEntity.Get::new).reply()).realization();
  }

  private static Realization port(String portId) {
    return ok(kit.<Outcome<Realization>>runCommand(replyTo -> new NetworkEntity.GetPortRealization(portId, replyTo)).reply());
  }

  private static void confirm(String datapathId, String hostname, long version) {
    kit.runCommand(new NetworkEntity.ConfirmDataplane(datapathId, hostname, version, AT));
  }

  /** Network created (1), p1 reserved (2) and bound on DP1 (3), p2 reserved (4) and bound on DP2 (5). */
  private static void twoBoundPorts() {
    ok(kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Create(TENANT, networkSpec(NET, "blue", "10.0.0.0/24"), 4096, ORIGIN, r)).reply());
    for (String portId : List.of("p1", "p2")) {
      ok(kit.<Outcome<AddressReservation>>runCommand(r -> new NetworkEntity.ReserveAddresses(portId, TENANT, portSpec(NET), ORIGIN, r)).reply());
      ok(kit.<Outcome<String>>runCommand(r -> new NetworkEntity.BindMember(portId, portId.equals("p1") ? ON_DP1 : ON_DP2, r)).reply());
    }
  }

  @Test
  void aNetworkNoDatapathHostsIsRealized() {
    NetworkView created = ok(kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Create(TENANT, networkSpec(NET, "blue", "10.0.0.0/24"), 4096, ORIGIN, r)).reply());
    assertEquals(new Realization(RealizationState.REALIZED, 1, List.of(), null), created.realization());
  }

  @Test
  void theNetworkWaitsForEveryHostAndEachPortForTheVersionThatCarriesIt() {
    twoBoundPorts();
    Realization pending = network();
    assertEquals(5, pending.desiredVersion());
    assertEquals(List.of(DP1, DP2), pending.datapaths().stream().map(DatapathRealization::datapathId).toList());
    assertEquals(RealizationState.PENDING, pending.state());

    confirm(DP1, "hv-1", 3);
    confirm(DP2, "hv-2", 5);
    assertEquals(3, port("p1").desiredVersion());
    assertTrue(port("p1").realized()); // both hold version 3 or newer
    assertEquals(5, port("p2").desiredVersion());
    assertEquals(List.of(DP1), port("p2").missing().stream().map(DatapathRealization::datapathId).toList());
    assertEquals(RealizationState.PENDING, network().state());

    confirm(DP1, "hv-1", 5);
    assertTrue(network().realized());
    assertTrue(port("p2").realized());
  }

  @Test
  void aChangeTheDatapathsDoNotImplementNeedsNoNewConfirmation() {
    twoBoundPorts();
    confirm(DP1, "hv-1", 5);
    confirm(DP2, "hv-2", 5);
    NetworkView renamed = ok(kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Update("green", null, null, null, ORIGIN, r)).reply());
    assertEquals(5, renamed.realization().desiredVersion()); // the rename is event 6
    assertTrue(renamed.realization().realized());

    NetworkView bigger = ok(kit.<Outcome<NetworkView>>runCommand(r -> new NetworkEntity.Update(null, 1400, null, null, ORIGIN, r)).reply());
    assertEquals(7, bigger.realization().desiredVersion());
    assertEquals(RealizationState.PENDING, bigger.realization().state());
  }

  @Test
  void aDatapathInTroubleIsPendingAndARefusalIsAnError() {
    twoBoundPorts();
    confirm(DP1, "hv-1", 5);
    confirm(DP2, "hv-2", 5);
    kit.runCommand(new NetworkEntity.ReportDataplaneTrouble(DP2, "hv-2", new DataplaneTrouble(false, "the switch's OpenFlow connection to the controller closed", AT)));
    Realization cut = port("p1");
    assertEquals(RealizationState.PENDING, cut.state());
    assertTrue(cut.reason().contains("hv-2") && cut.reason().contains("connection to the controller closed"), cut.reason());

    kit.runCommand(new NetworkEntity.ReportDataplaneTrouble(DP1, "hv-1", new DataplaneTrouble(true, "the switch refused a change", AT)));
    assertEquals(RealizationState.ERROR, network().state());

    confirm(DP1, "hv-1", 5);
    confirm(DP2, "hv-2", 5);
    assertTrue(network().realized());
  }

  @Test
  void everyPortIsAnsweredAtOnceAndAnUnknownOneIsNotFound() {
    twoBoundPorts();
    confirm(DP1, "hv-1", 4);
    var all = ok(kit.<Outcome<NetworkEntity.PortRealizations>>runCommand(NetworkEntity.GetPortRealizations::new).reply()).byPort();
    assertEquals(List.of("p1", "p2"), all.keySet().stream().sorted().toList());
    assertEquals(port("p1"), all.get("p1"));
    var unknown = kit.<Outcome<Realization>>runCommand(r -> new NetworkEntity.GetPortRealization("nope", r)).reply();
    assertTrue(unknown instanceof Outcome.Rejected<Realization>);
  }

  @Test
  void versionsSurviveARestart() {
    twoBoundPorts();
    kit.restart();
    assertEquals(5L, kit.getState().dataplaneVersion());
    assertEquals(3L, kit.getState().memberVersions().get("p1"));
    assertEquals(5, network().desiredVersion());
  }
}
