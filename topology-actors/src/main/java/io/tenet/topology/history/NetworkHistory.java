package io.tenet.topology.history;

import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Origin;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.network.NetworkEntity.AddressesReleased;
import io.tenet.topology.network.NetworkEntity.AddressesReserved;
import io.tenet.topology.network.NetworkEntity.BridgeTakenOver;
import io.tenet.topology.network.NetworkEntity.L2ClaimReturned;
import io.tenet.topology.network.NetworkEntity.MemberBound;
import io.tenet.topology.network.NetworkEntity.MemberSecurityChanged;
import io.tenet.topology.network.NetworkEntity.MemberUnbound;
import io.tenet.topology.network.NetworkEntity.NetworkBridged;
import io.tenet.topology.network.NetworkEntity.NetworkCreated;
import io.tenet.topology.network.NetworkEntity.NetworkDeleted;
import io.tenet.topology.network.NetworkEntity.NetworkUpdated;
import io.tenet.topology.network.NetworkEntity.VniReturned;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.persistence.typed.PersistenceId;

/** A network's history, replayed from its journal through the entity's own {@link NetworkEntity#evolve}. Pure. */
public final class NetworkHistory {
  public static final String KIND = "network";

  private NetworkHistory() {}

  public static String persistenceId(String networkId) {
    return PersistenceId.of(NetworkEntity.ENTITY_KEY.name(), networkId).id();
  }

  private static final JournalReplay<NetworkEntity.State> REPLAY = new JournalReplay<>(KIND, NetworkEntity.initialState(),
      (state, event, sequenceNr) -> NetworkEntity.evolve(state, (NetworkEntity.Event) event, sequenceNr), NetworkEntity.State::view,
      (before, event) -> originOf((NetworkEntity.Event) event), (before, event) -> summary((NetworkEntity.Event) event));

  public static List<Change> changes(String networkId, List<JournalEntry> journal) {
    return REPLAY.changes(networkId, journal);
  }

  /** The network as it was at {@code at}, or null if it did not exist then. */
  public static NetworkView at(List<JournalEntry> journal, Instant at) {
    return REPLAY.stateAt(journal, at).view();
  }

  /** The owner, from the first event; null for an empty journal. */
  public static String tenantOf(List<JournalEntry> journal) {
    return journal.stream().map(JournalEntry::event).filter(NetworkCreated.class::isInstance).map(e -> ((NetworkCreated) e).tenantId()).findFirst().orElse(null);
  }

  /** Every port that was ever a member, in the order they joined. */
  public static Set<String> portIds(List<JournalEntry> journal) {
    return journal.stream().map(JournalEntry::event).filter(AddressesReserved.class::isInstance)
        .map(e -> ((AddressesReserved) e).reservation().portId()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Who caused the event: the request's origin, the datapath that reported a binding, or the system itself. */
  static Origin originOf(NetworkEntity.Event event) {
    if (event instanceof NetworkCreated e) return e.origin();
    if (event instanceof NetworkUpdated e) return e.origin();
    if (event instanceof NetworkDeleted e) return e.origin();
    if (event instanceof NetworkBridged e) return e.origin();
    if (event instanceof NetworkEntity.TagsSet e) return e.origin();
    if (event instanceof BridgeTakenOver e) return new Origin("datapath:" + e.datapathId(), null);
    if (event instanceof AddressesReserved e) return e.origin();
    if (event instanceof AddressesReleased e) return e.origin();
    if (event instanceof MemberBound e) return new Origin("datapath:" + e.binding().datapathId(), null);
    if (event instanceof MemberUnbound e) return new Origin("datapath:" + e.datapathId(), null);
    return new Origin(EventNames.SYSTEM, null);
  }

  static String summary(NetworkEntity.Event event) {
    if (event instanceof NetworkCreated e) return "network " + e.spec().name() + " created with VNI " + e.vni();
    if (event instanceof NetworkUpdated) return "network changed";
    if (event instanceof NetworkDeleted) return "network deleted";
    if (event instanceof AddressesReserved e) {
      return "port " + e.reservation().portId() + " joined with " + e.reservation().macAddress() + " "
          + e.reservation().fixedIps().stream().map(FixedIp::ipAddress).collect(Collectors.joining(", "));
    }
    if (event instanceof AddressesReleased e) return "port " + e.portId() + " left";
    if (event instanceof MemberBound e) return "port " + e.portId() + " bound on datapath " + e.binding().datapathId() + " (" + e.binding().hostname() + ")";
    if (event instanceof MemberUnbound e) return "port " + e.portId() + " unbound from datapath " + e.datapathId();
    if (event instanceof MemberSecurityChanged e) return "port " + e.portId() + " port security " + (e.enabled() ? "enabled" : "disabled");
    if (event instanceof VniReturned e) return "VNI " + e.vni() + " returned to the registry";
    if (event instanceof NetworkBridged e) {
      return e.bridge() == null ? "layer-2 gateway removed" : "bridged to " + e.bridge().segment() + " by layer-2 gateway " + e.bridge().id() + " on "
          + e.bridge().hosts().stream().map(host -> host.hostname()).collect(Collectors.joining(", "));
    }
    if (event instanceof BridgeTakenOver e) return "gateway host " + e.datapathId() + " took the layer-2 gateway over";
    if (event instanceof L2ClaimReturned e) return "VLAN of layer-2 gateway " + e.claimId() + " returned to the registry";
    if (event instanceof NetworkEntity.TagsSet e) return (e.subnetId() == null ? "network" : "subnet " + e.subnetId()) + " tagged " + e.tags();
    return EventNames.generic(event);
  }
}
