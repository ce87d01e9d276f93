package io.tenet.topology.service;

import io.tenet.topology.Caller;
import io.tenet.topology.history.Change;
import io.tenet.topology.history.DatapathHistory;
import io.tenet.topology.history.EventJournal;
import io.tenet.topology.history.JournalEntry;
import io.tenet.topology.history.NetworkHistory;
import io.tenet.topology.history.PortHistory;
import io.tenet.topology.history.FloatingIpHistory;
import io.tenet.topology.history.RouterHistory;
import io.tenet.topology.history.SecurityGroupHistory;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * History and audit from the event journal: an object's changes (who, which request, which
 * fields), an object as it was at a moment, and everything that changed in a tenant (or, for an
 * administrator, the cloud) since a moment. Networks, ports, security groups and routers are
 * covered, and datapaths for administrators. A tenant sees only its own objects: another's answer "not found", as reads do.
 */
public final class HistoryService {
  private static final Comparator<Change> BY_TIME = Comparator.comparing(Change::at).thenComparing(Change::objectId).thenComparingLong(Change::sequenceNr);
  private final EventJournal journal;

  public HistoryService(EventJournal journal) {
    this.journal = journal;
  }

  /** How to read one kind of object's journal. */
  private record Kind(Function<String, String> persistenceId, BiFunction<String, List<JournalEntry>, List<Change>> changes,
      Function<List<JournalEntry>, String> tenantOf) {}

  /** Tried in this order for an id; datapaths (no tenant) only for administrators. */
  private static final List<Kind> KINDS = List.of(
      new Kind(NetworkHistory::persistenceId, NetworkHistory::changes, NetworkHistory::tenantOf),
      new Kind(PortHistory::persistenceId, PortHistory::changes, PortHistory::tenantOf),
      new Kind(SecurityGroupHistory::persistenceId, SecurityGroupHistory::changes, SecurityGroupHistory::tenantOf),
      new Kind(RouterHistory::persistenceId, RouterHistory::changes, RouterHistory::tenantOf),
      new Kind(DatapathHistory::persistenceId, DatapathHistory::changes, journal -> null));

  /** The changes to the object with this id (network, port, security group, router, or for an administrator a datapath) at or after {@code since} (null: all). */
  public CompletionStage<Outcome<List<Change>>> of(Caller caller, String objectId, Instant since) {
    return firstKnown(caller, objectId, since, 0);
  }

  private CompletionStage<Outcome<List<Change>>> firstKnown(Caller caller, String objectId, Instant since, int kindIndex) {
    if (kindIndex == KINDS.size()) return CompletableFuture.completedFuture(Outcome.rejected(unknown(objectId)));
    Kind kind = KINDS.get(kindIndex);
    return journal.read(kind.persistenceId().apply(objectId)).thenCompose(entries -> {
      if (entries.isEmpty()) return firstKnown(caller, objectId, since, kindIndex + 1);
      return done(caller, kind.tenantOf().apply(entries), objectId, after(kind.changes().apply(objectId, entries), since));
    });
  }

  public CompletionStage<Outcome<NetworkView>> networkAt(Caller caller, String networkId, Instant at) {
    return journal.read(NetworkHistory.persistenceId(networkId)).thenApply(entries ->
        visibleThen(caller, NetworkHistory.at(entries, at), NetworkView::tenantId, "network " + networkId, at));
  }

  public CompletionStage<Outcome<SecurityGroupView>> securityGroupAt(Caller caller, String groupId, Instant at) {
    return journal.read(SecurityGroupHistory.persistenceId(groupId)).thenApply(entries ->
        visibleThen(caller, SecurityGroupHistory.at(entries, at), SecurityGroupView::tenantId, "security group " + groupId, at));
  }

  public CompletionStage<Outcome<RouterView>> routerAt(Caller caller, String routerId, Instant at) {
    return journal.read(RouterHistory.persistenceId(routerId)).thenApply(entries -> visibleThen(caller, RouterHistory.at(entries, at), RouterView::tenantId, "router " + routerId, at));
  }

  private static <V> Outcome<V> visibleThen(Caller caller, V then, Function<V, String> tenantOf, String what, Instant at) {
    if (then == null || !caller.sees(tenantOf.apply(then))) return Outcome.rejected(Problem.of(ProblemCode.NOT_FOUND, what + " did not exist at " + at));
    return Outcome.ok(then);
  }

  public CompletionStage<Outcome<PortView>> portAt(Caller caller, String portId, Instant at) {
    return journal.read(PortHistory.persistenceId(portId)).thenApply(entries -> visibleThen(caller, PortHistory.at(portId, entries, at), PortView::tenantId, "port " + portId, at));
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
    return tenants.thenCompose(ids -> all(ids.stream().map(this::resourcesOf).toList()).thenApply(lists -> lists.stream().flatMap(List::stream).toList()))
        .thenCompose(resources -> all(resources.stream().map(resource -> switch (resource.kind()) {
          case NETWORK -> networkAndPorts(resource.resourceId(), since);
          case SECURITY_GROUP -> journal.read(SecurityGroupHistory.persistenceId(resource.resourceId()))
              .thenApply(entries -> after(SecurityGroupHistory.changes(resource.resourceId(), entries), since));
          case ROUTER -> journal.read(RouterHistory.persistenceId(resource.resourceId()))
              .thenApply(entries -> after(RouterHistory.changes(resource.resourceId(), entries), since));
          case FLOATING_IP -> journal.read(FloatingIpHistory.persistenceId(resource.resourceId()))
              .thenApply(entries -> after(FloatingIpHistory.changes(resource.resourceId(), entries), since));
          // a layer-2 gateway's changes are its network's events, listed with the network
          case L2_GATEWAY -> CompletableFuture.completedFuture(List.<Change>of());
        }).toList()))
        .thenApply(perResource -> Outcome.ok(perResource.stream().flatMap(List::stream).sorted(BY_TIME).toList()));
  }

  /** Every network, security group and router the tenant ever had (its index records each one). */
  private CompletionStage<List<TenantEntity.ResourceIndexed>> resourcesOf(String tenantId) {
    return journal.read(PersistenceId.of(TenantEntity.ENTITY_KEY.name(), tenantId).id()).thenApply(entries -> {
      Set<TenantEntity.ResourceIndexed> indexed = new LinkedHashSet<>();
      for (JournalEntry entry : entries) if (entry.event() instanceof TenantEntity.ResourceIndexed resource) indexed.add(resource);
      return List.copyOf(indexed);
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
