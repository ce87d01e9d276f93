package io.tenet.topology.port;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static io.tenet.topology.testing.Fixtures.routerPortSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The port saga finishes (PortCreated, PortRefused, PortDeleted) after the command that
 * started it has returned, so {@code EventSourcedBehaviorTestKit} does not always see those
 * events; here every event, state and message of the port goes through Jackson explicitly.
 */
class PortEntitySerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortEntitySerializationTest", Fixtures.persistenceConfig());
  private static final SerializationTestKit serialization = testKit.serializationTestKit();

  private final Instant at = Timestamps.now();
  private final PortSpec spec = portSpec("net-1", null, List.of(new FixedIp("sub-1", null), new FixedIp(null, "10.0.0.7")));
  private final PortSpec router = routerPortSpec("net-1", "router-1", List.of(new FixedIp("sub-1", "10.0.0.1")));
  private final AddressReservation addresses = new AddressReservation("port-1", "fa:16:3e:00:00:01", List.of(new FixedIp("sub-1", "10.0.0.3")));
  private final PortView view = new PortView("port-1", "tenant-1", "net-1", "web", "fa:16:3e:00:00:01", addresses.fixedIps(), List.of("sg-1"),
      true, true, "compute:nova", "vm-1", "ACTIVE", new PortBinding("0000000000000001", "host-1", "192.168.0.11", 7), at, at, 3, null);
  private final Problem problem = new Problem(ProblemCode.IP_IN_USE, "10.0.0.7 is already used", "fixed_ips[1].ip_address");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static void roundTrip(Object... values) {
    for (Object value : values) serialization.verifySerialization(value, true);
  }

  @Test
  void events() {
    roundTrip(
        new PortEntity.PortRequested("port-1", "tenant-1", spec, at, ORIGIN),
        new PortEntity.PortRequested("port-1", "tenant-1", portSpec("net-1"), at, ORIGIN),
        new PortEntity.PortRequested("port-1", "tenant-1", router, at, ORIGIN),
        new PortEntity.PortCreated(addresses, at),
        new PortEntity.PortRefused(problem),
        new PortEntity.PortUpdated(spec, at, ORIGIN),
        new PortEntity.PortDeletionStarted(at, ORIGIN),
        new PortEntity.PortDeleted(at),
        new PortEntity.PortBound(view.binding(), at),
        new PortEntity.PortUnbound("0000000000000001", at));
  }

  @Test
  void states() {
    roundTrip(
        new PortEntity.Empty(),
        new PortEntity.Pending("tenant-1", spec, at, ORIGIN),
        new PortEntity.Active(view, spec, spec),
        new PortEntity.Deleting(view, router, ORIGIN),
        new PortEntity.Deleted());
  }

  @Test
  void commandsAndReplies() {
    var client = testKit.<Outcome<PortView>>createTestProbe().ref();
    var datapath = testKit.<Outcome<String>>createTestProbe().ref();
    roundTrip(
        new PortEntity.Create("tenant-1", spec, ORIGIN, client),
        new PortEntity.Get(client),
        new PortEntity.Delete(true, ORIGIN, client),
        new PortEntity.Bind(view.binding(), datapath),
        new PortEntity.Unbind("0000000000000001", datapath),
        Outcome.ok(view),
        Outcome.<PortView>rejected(problem),
        Outcome.ok(addresses),
        Outcome.ok("port-1"));
  }

  @Test
  void aViewWrittenBeforeBindingsHadATunnelEndpointStillReads() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Serialization serializer = SerializationExtension.get(testKit.system().classicSystem());
    PortEntity.Active unbound = new PortEntity.Active(new PortView("port-1", "tenant-1", "net-1", "web", "fa:16:3e:00:00:01", addresses.fixedIps(),
        List.of(), true, true, "", "", "DOWN", null, at, at, 1, null), spec, spec);
    ObjectNode written = (ObjectNode) json.readTree(serializer.serialize(unbound).get());
    assertTrue(written.at("/view/binding").isNull()); // every snapshot so far: no port was ever bound
    assertEquals(unbound, serializer.deserialize(json.writeValueAsBytes(written), PortEntity.Active.class).get());
    // a binding without the field (from a writer that did not know it) reads with no tunnel endpoint
    ((ObjectNode) written.get("view")).putObject("binding").put("datapathId", "0000000000000001").put("hostname", "hv-1").put("ofport", 3);
    assertEquals(new PortBinding("0000000000000001", "hv-1", null, 3),
        serializer.deserialize(json.writeValueAsBytes(written), PortEntity.Active.class).get().view().binding());
  }

  @Test
  void internalMessages() {
    var datapath = testKit.<Outcome<String>>createTestProbe().ref();
    roundTrip(
        new PortEntity.ReservationAnswered(Outcome.ok(addresses)),
        new PortEntity.ReservationAnswered(Outcome.rejected(problem)),
        new PortEntity.ReleaseAnswered(Outcome.ok("port-1")),
        new PortEntity.StepFailed("timeout"),
        PortEntity.RetryStep.INSTANCE,
        new PortEntity.MemberAnswered(Outcome.ok("net-1"), datapath),
        new PortEntity.MemberAnswered(Outcome.rejected(problem), datapath),
        new PortEntity.SecurityAnswered(Outcome.ok("port-1")),
        new PortEntity.SecurityFailed("timeout"),
        PortEntity.RetrySecurity.INSTANCE);
  }
}
