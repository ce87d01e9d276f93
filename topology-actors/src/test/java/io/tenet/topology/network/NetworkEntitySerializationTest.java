package io.tenet.topology.network;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.networkSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.AddressPair;
import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.realization.DatapathRealization;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationState;
import io.tenet.topology.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The network's member bindings and data-plane view through Jackson, and its snapshots from before they existed. */
class NetworkEntitySerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("NetworkEntitySerializationTest", Fixtures.persistenceConfig());
  private static final SerializationTestKit serialization = testKit.serializationTestKit();

  private final Instant at = Timestamps.now();
  private final NetworkSpec spec = networkSpec("net-1", "blue", "10.0.0.0/24");
  private final NetworkView view = new NetworkView("net-1", "tenant-1", "blue", 4096, 1450, true, spec.subnets(), at, at, 1, null, false, null);
  private final AddressReservation addresses = new AddressReservation("port-1", "fa:16:3e:00:00:01", List.of(new FixedIp("sub-1", "10.0.0.3")));
  private final PortBinding binding = new PortBinding("0000000000000001", "hv-1", "192.168.0.1", 5);
  private final NetworkDataplane dataplane = new NetworkDataplane("net-1", 4096, 1450, spec.subnets(),
      List.of(new DataplaneMember("port-1", "fa:16:3e:00:00:01", List.of("10.0.0.3"), false, binding),
          new DataplaneMember("port-2", "fa:16:3e:00:00:02", List.of("10.0.0.4"), true, null),
          new DataplaneMember("port-3", "fa:16:3e:00:00:03", List.of("10.0.0.1"), false, null, "router-1")), 7);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static void roundTrip(Object... values) {
    for (Object value : values) serialization.verifySerialization(value, true);
  }

  @Test
  void membersAndTheirViews() {
    var client = testKit.<Outcome<String>>createTestProbe().ref();
    var puller = testKit.<Outcome<NetworkDataplane>>createTestProbe().ref();
    roundTrip(
        new NetworkEntity.BindMember("port-1", binding, client),
        new NetworkEntity.UnbindMember("port-1", "0000000000000001", client),
        new NetworkEntity.SetMemberSecurity("port-1", false, List.of(), List.of(), client),
        new NetworkEntity.SetMemberSecurity("port-1", true, List.of(new AddressPair("10.0.0.100", null), new AddressPair("10.0.0.96/28", "fa:16:3e:00:00:99")), List.of("sg-1"), client),
        new NetworkEntity.GetDataplane(puller),
        new NetworkEntity.GetDataplane("0000000000000002", puller),
        new NetworkEntity.AddressesReserved(addresses, false, ORIGIN),
        new NetworkEntity.AddressesReserved(addresses, false, ORIGIN, "router-1", List.of(), List.of()),
        new NetworkEntity.AddressesReserved(addresses, true, ORIGIN, null, List.of(new AddressPair("10.0.0.100", null)), List.of("sg-1", "sg-2")),
        new NetworkEntity.MemberSecurityChanged("port-1", true, List.of(new AddressPair("10.0.0.100", "fa:16:3e:00:00:99")), List.of("sg-1")),
        new NetworkEntity.MemberSecurityChanged("port-1", false),
        new NetworkEntity.MemberBound("port-1", binding),
        new NetworkEntity.MemberUnbound("port-1", "0000000000000001"),
        new NetworkEntity.MemberSecurityChanged("port-1", true),
        Outcome.ok(dataplane),
        new NetworkEntity.State(view, spec, Map.of("port-1", addresses), false, null, Map.of("port-1", binding), Map.of("port-1", false), 9L, Map.of("port-1", 8L),
            Map.of("port-1", "router-1"), Map.of("port-1", List.of(new AddressPair("10.0.0.100", null))),
            Map.of("port-1", List.of("sg-1")), "l2gw-1"));
  }

  @Test
  void realizationReportsAndAnswers() {
    var ports = testKit.<Outcome<NetworkEntity.PortRealizations>>createTestProbe().ref();
    var port = testKit.<Outcome<Realization>>createTestProbe().ref();
    Realization pending = new Realization(RealizationState.PENDING, 9, List.of(
        new DatapathRealization("0000000000000001", "hv-1", 9L, at, RealizationState.REALIZED, null),
        new DatapathRealization("0000000000000002", "hv-2", null, null, RealizationState.PENDING, "not yet")), "not yet");
    roundTrip(
        new NetworkEntity.ConfirmDataplane("0000000000000001", "hv-1", 9, at),
        new NetworkEntity.ReportDataplaneTrouble("0000000000000002", "hv-2", new DataplaneTrouble(false, "disconnected", at)),
        new NetworkEntity.GetPortRealization("port-1", port),
        new NetworkEntity.GetPortRealizations(ports),
        Outcome.ok(new NetworkEntity.PortRealizations(Map.of("port-1", pending))),
        Outcome.ok(view.withRealization(pending)));
  }

  /** Every kind of tag change crosses the cluster to the entity, and a tagged network's state survives a snapshot. */
  @Test
  void tagChangesAndTaggedState() {
    var client = testKit.<Outcome<NetworkView>>createTestProbe().ref();
    NetworkView tagged = view.withTags(List.of("prod"), at).withSubnets(List.of(view.subnets().get(0).withTags(List.of("dmz"))), at);
    roundTrip(
        new NetworkEntity.ChangeTags(null, new TagChange.Replace(List.of("a", "b")), ORIGIN, client),
        new NetworkEntity.ChangeTags("subnet-1", new TagChange.Add("dmz"), ORIGIN, client),
        new NetworkEntity.ChangeTags(null, new TagChange.Remove("a"), ORIGIN, client),
        Outcome.ok(tagged),
        new NetworkEntity.State(tagged, spec, Map.of(), false, null, Map.of(), Map.of(), 9L, Map.of(), Map.of(), Map.of(), Map.of(), null));
  }

  @Test
  void aSnapshotFromBeforeVersionsReadsWithoutThem() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Serialization serializer = SerializationExtension.get(testKit.system().classicSystem());
    NetworkEntity.State state = new NetworkEntity.State(view, spec, Map.of("port-1", addresses), false, null, Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of(), null);
    ObjectNode written = (ObjectNode) json.readTree(serializer.serialize(state).get());
    written.remove("dataplaneVersion");
    written.remove("memberVersions");
    ((ObjectNode) written.get("view")).remove("realization");
    assertEquals(state, serializer.deserialize(json.writeValueAsBytes(written), NetworkEntity.State.class).get());
  }

  @Test
  void aSnapshotFromBeforeBindingsReadsWithNone() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Serialization serializer = SerializationExtension.get(testKit.system().classicSystem());
    NetworkEntity.State state = new NetworkEntity.State(view, spec, Map.of("port-1", addresses), false, null, Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of(), null);
    ObjectNode written = (ObjectNode) json.readTree(serializer.serialize(state).get());
    written.remove("bindings");
    written.remove("portSecurity");
    NetworkEntity.State old = serializer.deserialize(json.writeValueAsBytes(written), NetworkEntity.State.class).get();
    assertEquals(state, old);
    assertEquals(true, old.portSecurityEnabled("port-1"));
  }
}
