package io.tenet.topology.history;

import io.tenet.topology.model.Origin;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.router.RouterEntity.InterfaceAdded;
import io.tenet.topology.router.RouterEntity.InterfaceRemoved;
import io.tenet.topology.router.RouterEntity.RouterCreated;
import io.tenet.topology.router.RouterEntity.RouterDeleted;
import io.tenet.topology.router.RouterEntity.RouterUpdated;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.persistence.typed.PersistenceId;

/** A router's history, replayed through {@link RouterEntity#evolve}. Pure. */
public final class RouterHistory {
  public static final String KIND = "router";
  private static final JournalReplay<RouterEntity.State> REPLAY = new JournalReplay<>(KIND, RouterEntity.initialState(),
      (state, event, sequenceNr) -> RouterEntity.evolve(state, (RouterEntity.Event) event), RouterEntity.State::view,
      (before, event) -> originOf(event), (before, event) -> summary(event));

  private RouterHistory() {}

  public static String persistenceId(String routerId) {
    return PersistenceId.of(RouterEntity.ENTITY_KEY.name(), routerId).id();
  }

  public static List<Change> changes(String routerId, List<JournalEntry> journal) {
    return REPLAY.changes(routerId, journal);
  }

  public static RouterView at(List<JournalEntry> journal, Instant at) {
    return REPLAY.stateAt(journal, at).view();
  }

  public static String tenantOf(List<JournalEntry> journal) {
    return journal.stream().map(JournalEntry::event).filter(RouterCreated.class::isInstance).map(e -> ((RouterCreated) e).tenantId()).findFirst().orElse(null);
  }

  static Origin originOf(Object event) {
    if (event instanceof RouterCreated e) return e.origin();
    if (event instanceof RouterUpdated e) return e.origin();
    if (event instanceof InterfaceAdded e) return e.origin();
    if (event instanceof InterfaceRemoved e) return e.origin();
    if (event instanceof RouterDeleted e) return e.origin();
    if (event instanceof RouterEntity.ExternalGatewaySet e) return e.origin();
    if (event instanceof RouterEntity.ExternalGatewayRemoved e) return e.origin();
    if (event instanceof RouterEntity.FloatingIpAttached e) return e.origin();
    if (event instanceof RouterEntity.FloatingIpDetached e) return e.origin();
    if (event instanceof RouterEntity.TagsSet e) return e.origin();
    return null;
  }

  static String summary(Object event) {
    if (event instanceof RouterCreated e) return "router " + e.name() + " created";
    if (event instanceof RouterUpdated) return "router changed";
    if (event instanceof InterfaceAdded e) {
      return "interface " + e.routerInterface().ipAddress() + " added on network " + e.routerInterface().networkId() + " (port " + e.routerInterface().portId() + ")";
    }
    if (event instanceof InterfaceRemoved e) return "interface of port " + e.portId() + " removed";
    if (event instanceof RouterDeleted) return "router deleted";
    if (event instanceof RouterEntity.ExternalGatewaySet e) {
      return "external gateway " + e.gateway().ipAddress() + " on network " + e.gateway().networkId() + (e.gateway().enableSnat() ? " (source NAT)" : "");
    }
    if (event instanceof RouterEntity.ExternalGatewayRemoved) return "external gateway removed";
    if (event instanceof RouterEntity.FloatingIpAttached e) return "floating IP " + e.binding().floatingIp() + " to " + e.binding().fixedIp();
    if (event instanceof RouterEntity.FloatingIpDetached e) return "floating IP " + e.floatingIpId() + " detached";
    if (event instanceof RouterEntity.GatewayTakenOver e) {
      return "gateway host " + e.datapathId() + " took the external gateway over" + (e.previousDatapathId() == null ? "" : " from " + e.previousDatapathId());
    }
    if (event instanceof RouterEntity.TagsSet e) return "tagged " + e.tags();
    return EventNames.generic(event);
  }
}
