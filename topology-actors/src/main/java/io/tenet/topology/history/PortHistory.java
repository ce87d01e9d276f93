package io.tenet.topology.history;

import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortView;
import io.tenet.topology.port.PortEntity;
import io.tenet.topology.port.PortEntity.PortBound;
import io.tenet.topology.port.PortEntity.PortCreated;
import io.tenet.topology.port.PortEntity.PortDeleted;
import io.tenet.topology.port.PortEntity.PortDeletionStarted;
import io.tenet.topology.port.PortEntity.PortRefused;
import io.tenet.topology.port.PortEntity.PortRequested;
import io.tenet.topology.port.PortEntity.PortUnbound;
import io.tenet.topology.port.PortEntity.PortUpdated;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * A port's history, replayed from its journal through the entity's own {@link PortEntity#evolve}.
 * The end of a saga (created, refused, deleted) is credited to the request that started it. Pure.
 */
public final class PortHistory {
  public static final String KIND = "port";

  private PortHistory() {}

  public static String persistenceId(String portId) {
    return PersistenceId.of(PortEntity.ENTITY_KEY.name(), portId).id();
  }

  private static JournalReplay<PortEntity.State> replay(String portId) {
    return new JournalReplay<>(KIND, new PortEntity.Empty(), (state, event, sequenceNr) -> PortEntity.evolve(portId, state, (PortEntity.Event) event),
        PortHistory::viewOf, (before, event) -> originOf(before, (PortEntity.Event) event), (before, event) -> summary(before, (PortEntity.Event) event));
  }

  public static List<Change> changes(String portId, List<JournalEntry> journal) {
    return replay(portId).changes(portId, journal);
  }

  /** The port as it was at {@code at}, or null if it did not exist then. */
  public static PortView at(String portId, List<JournalEntry> journal, Instant at) {
    return viewOf(replay(portId).stateAt(journal, at));
  }

  /** The owner, from the first event; null for an empty journal. */
  public static String tenantOf(List<JournalEntry> journal) {
    return journal.stream().map(JournalEntry::event).filter(PortRequested.class::isInstance).map(e -> ((PortRequested) e).tenantId()).findFirst().orElse(null);
  }

  /** Only a created port that is not being deleted is shown, as the API does. */
  static PortView viewOf(PortEntity.State state) {
    return state instanceof PortEntity.Active active ? active.view() : null;
  }

  static Origin originOf(PortEntity.State before, PortEntity.Event event) {
    if (event instanceof PortRequested e) return e.origin();
    if (event instanceof PortUpdated e) return e.origin();
    if (event instanceof PortDeletionStarted e) return e.origin();
    if (event instanceof PortEntity.TagsSet e) return e.origin();
    if (event instanceof PortCreated || event instanceof PortRefused) return before instanceof PortEntity.Pending pending ? pending.origin() : null;
    if (event instanceof PortDeleted) return before instanceof PortEntity.Deleting deleting ? deleting.origin() : null;
    if (event instanceof PortBound e) return new Origin("datapath:" + e.binding().datapathId(), null);
    if (event instanceof PortUnbound e) return new Origin("datapath:" + e.datapathId(), null);
    return new Origin(EventNames.SYSTEM, null);
  }

  static String summary(PortEntity.State before, PortEntity.Event event) {
    if (event instanceof PortRequested e) return "port requested on network " + e.spec().networkId();
    if (event instanceof PortCreated e) {
      return "port created with " + e.addresses().macAddress() + " " + e.addresses().fixedIps().stream().map(FixedIp::ipAddress).collect(Collectors.joining(", "));
    }
    if (event instanceof PortRefused e) return "port refused: " + e.problem().message();
    if (event instanceof PortUpdated) return "port changed";
    if (event instanceof PortDeletionStarted) return "port deletion started";
    if (event instanceof PortDeleted) return "port deleted";
    if (event instanceof PortBound e) {
      PortView was = viewOf(before);
      PortBinding old = was == null ? null : was.binding();
      String where = "datapath " + e.binding().datapathId() + " (" + e.binding().hostname() + "), OpenFlow port " + e.binding().ofport();
      return old != null && !old.datapathId().equals(e.binding().datapathId())
          ? "port moved from datapath " + old.datapathId() + " (" + old.hostname() + ") to " + where : "port bound on " + where;
    }
    if (event instanceof PortUnbound e) return "port unbound from datapath " + e.datapathId();
    if (event instanceof PortEntity.TagsSet e) return "tagged " + e.tags();
    return EventNames.generic(event);
  }
}
