package io.tenet.topology.history;

import static io.tenet.topology.testing.Fixtures.networkSpec;
import static io.tenet.topology.testing.Fixtures.portSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tenet.topology.model.AddressReservation;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.port.PortEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Journals replayed into histories and past views, without actors: the entities' own evolve functions on hand-written journals. */
class HistoryReplayTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Origin TENANT = new Origin("tenant:t1", "req-1");
  private static final Origin ADMIN = new Origin("admin", "req-2");
  private static final PortBinding ON_HV1 = new PortBinding("0000000000000001", "hv1", "192.168.0.1", 5);
  private static final PortBinding ON_HV2 = new PortBinding("0000000000000002", "hv2", "192.168.0.2", 7);

  private static List<JournalEntry> journal(Object... events) {
    List<JournalEntry> entries = new ArrayList<>();
    for (int i = 0; i < events.length; i++) entries.add(new JournalEntry(i + 1, T0.plusSeconds(10L * i), events[i]));
    return entries;
  }

  private final NetworkSpec spec = networkSpec("n1", "blue", "10.0.0.0/24");
  private final AddressReservation p1 = new AddressReservation("p1", "fa:16:3e:00:00:01", List.of(new FixedIp(spec.subnets().get(0).id(), "10.0.0.3")));
  private final List<JournalEntry> network = journal(
      new NetworkEntity.NetworkCreated("n1", "t1", spec, 4096, T0, TENANT),
      new NetworkEntity.AddressesReserved(p1, true, TENANT),
      new NetworkEntity.MemberBound("p1", ON_HV1),
      new NetworkEntity.NetworkUpdated("green", 1400, true, spec.subnets(), T0.plusSeconds(30), ADMIN),
      new NetworkEntity.AddressesReleased("p1", TENANT),
      new NetworkEntity.NetworkDeleted(T0.plusSeconds(50), ADMIN),
      new NetworkEntity.VniReturned(4096));

  @Test
  void aNetworksHistorySaysWhoDidWhatInWhichRequestAndWhichFieldsChanged() {
    List<Change> changes = NetworkHistory.changes("n1", network);
    assertEquals(List.of("network_created", "addresses_reserved", "member_bound", "network_updated", "addresses_released", "network_deleted", "vni_returned"),
        changes.stream().map(Change::kind).toList());
    assertEquals(List.of("tenant:t1", "tenant:t1", "datapath:0000000000000001", "admin", "tenant:t1", "admin", "tenet"),
        changes.stream().map(Change::principal).toList());
    Change renamed = changes.get(3);
    assertEquals("req-2", renamed.requestId());
    assertEquals(Set.of("name", "mtu"), renamed.changes().keySet());
    assertEquals("blue", renamed.changes().get("name").from().asText());
    assertEquals("green", renamed.changes().get("name").to().asText());
    assertEquals(1400, renamed.changes().get("mtu").to().asInt());
    assertEquals("port p1 joined with fa:16:3e:00:00:01 10.0.0.3", changes.get(1).summary());
    assertEquals(Map.of(), changes.get(1).changes()); // membership is not a field of the network
    assertNull(changes.get(5).changes().get("name").to()); // deleted: every field goes
    assertEquals(Set.of("p1"), NetworkHistory.portIds(network));
    assertEquals("t1", NetworkHistory.tenantOf(network));
  }

  @Test
  void aNetworkAsItWasThen() {
    assertNull(NetworkHistory.at(network, T0.minusSeconds(1)));
    assertEquals("blue", NetworkHistory.at(network, T0.plusSeconds(29)).name());
    assertEquals(1450, NetworkHistory.at(network, T0.plusSeconds(29)).mtu());
    assertEquals("green", NetworkHistory.at(network, T0.plusSeconds(30)).name());
    assertNull(NetworkHistory.at(network, T0.plusSeconds(50))); // deleted
  }

  @Test
  void aPortsSagaIsCreditedToItsRequestAndAMoveIsNamed() {
    PortSpec requested = portSpec("n1");
    PortSpec renamed = new PortSpec("n1", "web", null, null, List.of(), true, true, "", "");
    List<JournalEntry> port = journal(
        new PortEntity.PortRequested("p1", "t1", requested, T0, TENANT),
        new PortEntity.PortCreated(p1, T0.plusSeconds(10)),
        new PortEntity.PortBound(ON_HV1, T0.plusSeconds(20)),
        new PortEntity.PortBound(ON_HV2, T0.plusSeconds(30)),
        new PortEntity.PortUpdated(renamed, T0.plusSeconds(40), ADMIN),
        new PortEntity.PortDeletionStarted(T0.plusSeconds(50), TENANT),
        new PortEntity.PortDeleted(T0.plusSeconds(60)));
    List<Change> changes = PortHistory.changes("p1", port);
    assertEquals(List.of("tenant:t1", "tenant:t1", "datapath:0000000000000001", "datapath:0000000000000002", "admin", "tenant:t1", "tenant:t1"),
        changes.stream().map(Change::principal).toList());
    assertEquals("req-1", changes.get(1).requestId()); // the create finished by the saga belongs to the request that asked
    assertEquals("fa:16:3e:00:00:01", changes.get(1).changes().get("mac_address").to().asText());
    assertEquals("port moved from datapath 0000000000000001 (hv1) to datapath 0000000000000002 (hv2), OpenFlow port 7", changes.get(3).summary());
    assertEquals(Set.of("binding"), changes.get(3).changes().keySet());
    assertEquals(Set.of("name"), changes.get(4).changes().keySet());
    assertEquals("", PortHistory.at("p1", port, T0.plusSeconds(39)).name());
    assertEquals("web", PortHistory.at("p1", port, T0.plusSeconds(40)).name());
    assertNull(PortHistory.at("p1", port, T0.plusSeconds(5))); // requested, not created yet
    assertEquals("t1", PortHistory.tenantOf(port));
  }

  @Test
  void eventsFromBeforeOriginsWereRecordedHaveNoPrincipal() {
    List<Change> changes = NetworkHistory.changes("n1", journal(new NetworkEntity.NetworkCreated("n1", "t1", spec, 4096, T0, null)));
    assertNull(changes.get(0).principal());
    assertNull(changes.get(0).requestId());
  }
}
