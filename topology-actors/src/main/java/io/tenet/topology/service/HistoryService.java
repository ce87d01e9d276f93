package io.tenet.topology.service;

import io.tenet.topology.Caller;
import io.tenet.topology.history.Change;
import io.tenet.topology.history.DatapathHistory;
import io.tenet.topology.history.EventJournal;
import io.tenet.topology.history.JournalEntry;
import io.tenet.topology.history.NetworkHistory;
import io.tenet.topology.history.PortHistory;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.tenant.ResourceKind;
import io.tenet.topology.tenant.TenantDirectory;
import io.tenet.topology.tenant.TenantEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * History and audit from the event journal: an object's changes (who, which request, which
 * fields), an object as it was at a moment, and everything that changed in a tenant (or, for an
 * administrator, the cloud) since a moment. Networks and ports are covered, and datapaths for
 * administrators. A tenant sees only its own objects: another's answer "not found", as reads do.
 */
public final class HistoryService {
  private static final Comparator<Change> BY_TIME = Comparator.comparing(Change::at).thenComparing(Change::objectId).thenComparingLong(Change::sequenceNr);
  private final EventJournal journal;

  public HistoryService(EventJournal journal) {
    this.journal = journal;
  }

  /** The changes to the object with this id (a network, a port, or for an administrator a datapath) at or after {@code since} (null: all). */
  public CompletionStage<Outcome<List<Change>>> of(Caller caller, String objectId, Instant since) {
    return journal.read(NetworkHistory.persistenceId(objectId)).thenCompose(network -> {
      if (!network.isEmpty()) return done(caller, NetworkHistory.tenantOf(network), objectId, after(NetworkHistory.changes(objectId, network), since));
      return journal.read(PortHistory.persistenceId(objectId)).thenCompose(port -> {
        if (!port.isEmpty()) return done(caller, PortHistory.tenantOf(port), objectId, after(PortHistory.changes(objectId, port), since));
        if (!caller.admin()) return CompletableFuture.completedFuture(Outcome.rejected(unknown(objectId)));
        return journal.read(DatapathHistory.persistenceId(objectId)).thenApply(datapath -> datapath.isEmpty() ? Outcome.rejected(unknown(objectId))
            : Outcome.ok(after(DatapathHistory.changes(objectId, datapath), since)));
      });
    });
  }

  public CompletionStage<Outcome<NetworkView>> networkAt(Caller caller, String networkId, Instant at) {
    return journal.read(NetworkHistory.persistenceId(networkId)).thenApply(entries -> {
      NetworkView then = NetworkHistory.at(entries, at);
      if (then == null || !caller.sees(then.tenantId())) return Outcome.rejected(Problem.of(ProblemCode.NOT_FOUND,
          "network " + networkId + " did not exist at " + at));
      return Outcome.ok(then);
    });
  }

  public CompletionStage<Outcome<PortView>> portAt(Caller caller, String portId, Instant at) {
    return journal.read(PortHistory.persistenceId(portId)).thenApply(entries -> {
      PortView then = PortHistory.at(portId, entries, at);
      if (then == null || !caller.sees(then.tenantId())) return Outcome.rejected(Problem.of(ProblemCode.NOT_FOUND,
          "port " + portId + " did not exist at " + at));
      return Outcome.ok(then);
    });
  }

  /**
   * Every change at or after {@code since} to the caller's networks and their ports (an
   * administrator: every tenant's), deleted ones included, oldest first. Found through the
   * tenants' journals, which list every network they ever had, and the networks', which list
   * every port that ever joined.
   */
  public CompletionStage<Outcome<List<Change>>> since(Caller caller, Instant since) {
    CompletionStage<List<String>> tenants = caller.admin()
        ? journal.read(PersistenceId.of(TenantDirectory.ENTITY_KEY.name(), TenantDirectory.ENTITY_ID).id()).thenApply(HistoryService::registeredTenants)
        : CompletableFuture.completedFuture(List.of(caller.tenantId()));
    return tenants.thenCompose(ids -> all(ids.stream().map(this::networksOf).toList()).thenApply(lists -> lists.stream().flatMap(List::stream).toList()))
        .thenCompose(networkIds -> all(networkIds.stream().map(id -> networkAndPorts(id, since)).toList()))
        .thenApply(perNetwork -> Outcome.ok(perNetwork.stream().flatMap(List::stream).sorted(BY_TIME).toList()));
  }

  private CompletionStage<List<String>> networksOf(String tenantId) {
    return journal.read(PersistenceId.of(TenantEntity.ENTITY_KEY.name(), tenantId).id()).thenApply(entries -> {
      Set<String> ids = new LinkedHashSet<>();
      for (JournalEntry entry : entries) {
        if (entry.event() instanceof TenantEntity.ResourceIndexed indexed && indexed.kind() == ResourceKind.NETWORK) ids.add(indexed.resourceId());
      }
      return List.copyOf(ids);
    });
  }

  private CompletionStage<List<Change>> networkAndPorts(String networkId, Instant since) {
    return journal.read(NetworkHistory.persistenceId(networkId)).thenCompose(network -> {
      List<Change> changes = new ArrayList<>(after(NetworkHistory.changes(networkId, network), since));
      return all(NetworkHistory.portIds(network).stream()
          .map(portId -> journal.read(PortHistory.persistenceId(portId)).thenApply(port -> after(PortHistory.changes(portId, port), since))).toList())
          .thenApply(ports -> {
            ports.forEach(changes::addAll);
            return changes;
          });
    });
  }

  private static List<String> registeredTenants(List<JournalEntry> entries) {
    Set<String> ids = new LinkedHashSet<>();
    for (JournalEntry entry : entries) if (entry.event() instanceof TenantDirectory.TenantRegistered registered) ids.add(registered.tenantId());
    return List.copyOf(ids);
  }

  private static List<Change> after(List<Change> changes, Instant since) {
    return since == null ? changes : changes.stream().filter(c -> !c.at().isBefore(since)).toList();
  }

  private static CompletionStage<Outcome<List<Change>>> done(Caller caller, String ownerTenantId, String objectId, List<Change> changes) {
    return CompletableFuture.completedFuture(caller.sees(ownerTenantId) ? Outcome.ok(changes) : Outcome.rejected(unknown(objectId)));
  }

  private static Problem unknown(String objectId) {
    return Problem.notFound("object", objectId);
  }

  private static <T> CompletionStage<List<T>> all(List<CompletionStage<T>> stages) {
    CompletableFuture<?>[] futures = stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(futures).thenApply(ignored -> stages.stream().map(s -> s.toCompletableFuture().join()).toList());
  }
}
