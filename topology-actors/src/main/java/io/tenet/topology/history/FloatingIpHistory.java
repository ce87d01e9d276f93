package io.tenet.topology.history;

import io.tenet.topology.floatingip.FloatingIpEntity;
import io.tenet.topology.floatingip.FloatingIpEntity.FloatingIpAssociated;
import io.tenet.topology.floatingip.FloatingIpEntity.FloatingIpCreated;
import io.tenet.topology.floatingip.FloatingIpEntity.FloatingIpDeleted;
import io.tenet.topology.model.Origin;
import java.util.List;
import org.apache.pekko.persistence.typed.PersistenceId;

/** A floating IP's history, replayed through {@link FloatingIpEntity#evolve}. Pure. */
public final class FloatingIpHistory {
  public static final String KIND = "floating_ip";
  private static final JournalReplay<FloatingIpEntity.State> REPLAY = new JournalReplay<>(KIND, new FloatingIpEntity.State(null, false),
      (state, event, sequenceNr) -> FloatingIpEntity.evolve(state, (FloatingIpEntity.Event) event), FloatingIpEntity.State::view,
      (before, event) -> originOf(event), (before, event) -> summary(event));

  private FloatingIpHistory() {}

  public static String persistenceId(String floatingIpId) {
    return PersistenceId.of(FloatingIpEntity.ENTITY_KEY.name(), floatingIpId).id();
  }

  public static List<Change> changes(String floatingIpId, List<JournalEntry> journal) {
    return REPLAY.changes(floatingIpId, journal);
  }

  static Origin originOf(Object event) {
    if (event instanceof FloatingIpCreated e) return e.origin();
    if (event instanceof FloatingIpAssociated e) return e.origin();
    if (event instanceof FloatingIpDeleted e) return e.origin();
    if (event instanceof FloatingIpEntity.TagsSet e) return e.origin();
    return null;
  }

  static String summary(Object event) {
    if (event instanceof FloatingIpCreated e) return "floating IP " + e.address() + " allocated on network " + e.networkId();
    if (event instanceof FloatingIpAssociated e) return e.portId() == null ? "dissociated" : "associated with " + e.fixedIp() + " of port " + e.portId();
    if (event instanceof FloatingIpDeleted) return "floating IP released";
    if (event instanceof FloatingIpEntity.TagsSet e) return "tagged " + e.tags();
    return EventNames.generic(event);
  }
}
