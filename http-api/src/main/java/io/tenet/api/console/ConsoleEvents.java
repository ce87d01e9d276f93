package io.tenet.api.console;

import io.tenet.topology.cluster.ClusterMember;
import io.tenet.topology.dataplane.DatapathStatus;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.TenantView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two console snapshots, as events (pure). Deriving events from snapshots
 * works the same on every node and needs no subscription to the entities; what happened and was
 * undone between two snapshots is not seen, which is fine for a console.
 */
public final class ConsoleEvents {
  private ConsoleEvents() {}

  /** A part missing from either snapshot yields no events for it. */
  public static List<ConsoleEvent> between(ConsoleSnapshot before, ConsoleSnapshot after, Instant at) {
    List<ConsoleEvent> events = new ArrayList<>();
    if (before.cluster() != null && after.cluster() != null) members(before.cluster().members(), after.cluster().members(), at, events);
    if (before.datapaths() != null && after.datapaths() != null) datapaths(before.datapaths(), after.datapaths(), at, events);
    if (before.tenants() != null && after.tenants() != null) {
      added(before.tenants(), after.tenants(), TenantView::id).forEach(tenant ->
          events.add(new ConsoleEvent(at, ConsoleEventKind.TENANT_CREATED, tenant.id(), "tenant " + tenant.name() + " created")));
    }
    if (before.networks() != null && after.networks() != null) {
      added(before.networks(), after.networks(), NetworkView::id).forEach(network ->
          events.add(new ConsoleEvent(at, ConsoleEventKind.NETWORK_CREATED, network.id(), "network " + label(network.name(), network.id()) + " created (VNI " + network.vni() + ")")));
      added(after.networks(), before.networks(), NetworkView::id).forEach(network ->
          events.add(new ConsoleEvent(at, ConsoleEventKind.NETWORK_DELETED, network.id(), "network " + label(network.name(), network.id()) + " deleted")));
    }
    if (before.ports() != null && after.ports() != null) ports(before.ports(), after.ports(), at, events);
    if (before.routers() != null && after.routers() != null) {
      added(before.routers(), after.routers(), RouterView::id).forEach(router ->
          events.add(new ConsoleEvent(at, ConsoleEventKind.ROUTER_CREATED, router.id(), "router " + label(router.name(), router.id()) + " created")));
      added(after.routers(), before.routers(), RouterView::id).forEach(router ->
          events.add(new ConsoleEvent(at, ConsoleEventKind.ROUTER_DELETED, router.id(), "router " + label(router.name(), router.id()) + " deleted")));
    }
    return events;
  }

  private static void members(List<ClusterMember> before, List<ClusterMember> after, Instant at, List<ConsoleEvent> events) {
    Map<String, ClusterMember> was = byKey(before, ClusterMember::address);
    Map<String, ClusterMember> is = byKey(after, ClusterMember::address);
    is.forEach((address, now) -> {
      ClusterMember then = was.get(address);
      if (then == null) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.MEMBER_JOINED, address, "member " + address + " joined (" + now.status() + ")"));
        return;
      }
      if (!then.status().equals(now.status())) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.MEMBER_STATUS_CHANGED, address, "member " + address + " is now " + now.status() + " (was " + then.status() + ")"));
      }
      if (then.reachable() && !now.reachable()) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.MEMBER_UNREACHABLE, address, "member " + address + " is unreachable"));
      } else if (!then.reachable() && now.reachable()) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.MEMBER_REACHABLE, address, "member " + address + " is reachable again"));
      }
    });
    was.keySet().stream().filter(address -> !is.containsKey(address)).forEach(address ->
        events.add(new ConsoleEvent(at, ConsoleEventKind.MEMBER_LEFT, address, "member " + address + " left the cluster")));
  }

  private static void datapaths(List<DatapathStatus> before, List<DatapathStatus> after, Instant at, List<ConsoleEvent> events) {
    Map<String, DatapathStatus> was = byKey(before, DatapathStatus::datapathId);
    for (DatapathStatus now : after) {
      DatapathStatus then = was.get(now.datapathId());
      String name = "datapath " + label(now.hostname(), now.datapathId());
      boolean unknownNow = "unknown".equals(now.role());
      if (unknownNow) {
        if (then == null || !"unknown".equals(then.role())) {
          events.add(new ConsoleEvent(at, ConsoleEventKind.DATAPATH_UNANSWERED, now.datapathId(), name + " does not answer (its controller node may be gone)"));
        }
        continue;
      }
      boolean known = then != null && !"unknown".equals(then.role());
      // its entity now runs on another node (a failover or hand-over): that node's connection is what counts from here
      boolean moved = known && then.node() != null && now.node() != null && !then.node().equals(now.node());
      if (moved) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.DATAPATH_MOVED, now.datapathId(), name + " moved from " + then.node() + " to " + now.node()));
      }
      boolean wasConnected = known && !moved && then.openflowConnected();
      if (now.openflowConnected() && !wasConnected) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.DATAPATH_CONNECTED, now.datapathId(), name + " connected to " + now.node()));
      } else if (!now.openflowConnected() && wasConnected) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.DATAPATH_DISCONNECTED, now.datapathId(), name + " disconnected from " + now.node()));
      }
      boolean newMastership = then == null || !"master".equals(then.role()) || !Objects.equals(then.node(), now.node()) || then.term() != now.term();
      if ("master".equals(now.role()) && newMastership) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.DATAPATH_MASTERED, now.datapathId(), name + " mastered by " + now.node() + " (term " + now.term() + ")"));
      }
    }
  }

  private static void ports(List<PortView> before, List<PortView> after, Instant at, List<ConsoleEvent> events) {
    Map<String, PortView> was = byKey(before, PortView::id);
    Map<String, PortView> is = byKey(after, PortView::id);
    is.forEach((id, now) -> {
      PortView then = was.get(id);
      String name = "port " + label(now.name(), id);
      if (then == null) events.add(new ConsoleEvent(at, ConsoleEventKind.PORT_CREATED, id, name + " created"));
      PortBinding previous = then == null ? null : then.binding();
      PortBinding current = now.binding();
      if (current != null && (previous == null || !previous.datapathId().equals(current.datapathId()))) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.PORT_BOUND, id, name + " bound on " + label(current.hostname(), current.datapathId())));
      } else if (current == null && previous != null) {
        events.add(new ConsoleEvent(at, ConsoleEventKind.PORT_UNBOUND, id, name + " unbound from " + label(previous.hostname(), previous.datapathId())));
      }
    });
    was.forEach((id, then) -> {
      if (!is.containsKey(id)) events.add(new ConsoleEvent(at, ConsoleEventKind.PORT_DELETED, id, "port " + label(then.name(), id) + " deleted"));
    });
  }

  /** Items of {@code later} whose key {@code earlier} does not have. */
  private static <T> List<T> added(List<T> earlier, List<T> later, Function<T, String> key) {
    Map<String, T> known = byKey(earlier, key);
    return later.stream().filter(item -> !known.containsKey(key.apply(item))).toList();
  }

  private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) map.put(key.apply(item), item);
    return map;
  }

  /** A name people recognise, else the id. */
  static String label(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }
}
