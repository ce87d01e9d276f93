package io.tenet.topology.router;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.dataplane.DataplaneWatchers;
import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.FloatingIpBinding;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.Tags;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * A router: its interfaces (each backed by a port that holds the interface's IP and MAC in its
 * network) and static routes. It refuses what would make routing ambiguous: two interfaces
 * on overlapping subnets, or a route whose next hop is on no attached subnet.
 */
public final class RouterEntity extends EventSourcedBehaviorWithEnforcedReplies<RouterEntity.Command, RouterEntity.Event, RouterEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Router");

  public sealed interface Command extends TenetSerializable {}

  public record Create(String tenantId, String name, boolean adminStateUp, List<HostRoute> routes, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  public record Get(ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /** Null fields stay as they are; {@code routes} replaces all static routes. */
  public record Update(String name, Boolean adminStateUp, List<HostRoute> routes, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  public record Delete(Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /** Changes the router's tags; a change that leaves them as they are writes nothing. */
  public record ChangeTags(TagChange change, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /** Records an interface whose port already exists. Idempotent for the same port. */
  public record AddInterface(RouterInterface routerInterface, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /** Removes the interface on a subnet; answers with the interface removed, whose port the caller deletes. */
  public record RemoveInterface(String subnetId, Origin origin, ActorRef<Outcome<RouterInterface>> replyTo) implements Command {}

  /** The gateway translates {@code binding}'s floating IP to its fixed one (replacing what the floating IP was bound to before). */
  public record AttachFloatingIp(FloatingIpBinding binding, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /** Idempotent: a floating IP the router does not hold answers the router as it is. */
  public record DetachFloatingIp(String floatingIpId, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /** Sets (or, with null, removes) the router's external gateway; answers the router as it is after. */
  public record SetExternalGateway(ExternalGateway gateway, Origin origin, ActorRef<Outcome<RouterView>> replyTo) implements Command {}

  /**
   * From a gateway host whose BFD sessions say every host ranked before it is gone: its data plane
   * carries the gateway now, and the router records it as the active host. No answer: the host
   * says it again until the router's view it gets shows it active.
   */
  public record TakeOverGateway(String datapathId) implements Command {}

  /**
   * What datapaths routing for this router implement. {@code watcher}, a datapath, gets every later
   * view too, until this entity restarts (datapaths pull again periodically).
   */
  public record GetDataplane(String watcher, String hostname, ActorRef<Outcome<RouterDataplane>> replyTo) implements Command {}

  /** From a datapath that no longer routes for this router: no more views, and no part in its realization. No answer. */
  public record StopWatching(String datapathId) implements Command {}

  /** From a datapath routing for this router: it implements {@code version}, confirmed by a barrier at {@code at}. No answer. */
  public record ConfirmDataplane(String datapathId, String hostname, long version, Instant at) implements Command {}

  /** From a datapath routing for this router: it cannot confirm anything until it confirms again. No answer. */
  public record ReportDataplaneTrouble(String datapathId, String hostname, DataplaneTrouble trouble) implements Command {}

  public sealed interface Event extends TenetSerializable {}

  public record RouterCreated(String routerId, String tenantId, String name, boolean adminStateUp, List<HostRoute> routes, Instant at, Origin origin) implements Event {}

  public record RouterUpdated(String name, boolean adminStateUp, List<HostRoute> routes, Instant at, Origin origin) implements Event {}

  public record InterfaceAdded(RouterInterface routerInterface, Instant at, Origin origin) implements Event {}

  public record InterfaceRemoved(String portId, Instant at, Origin origin) implements Event {}

  public record RouterDeleted(Instant at, Origin origin) implements Event {}

  public record TagsSet(List<String> tags, Instant at, Origin origin) implements Event {}

  public record ExternalGatewaySet(ExternalGateway gateway, Instant at, Origin origin) implements Event {}

  public record ExternalGatewayRemoved(Instant at, Origin origin) implements Event {}

  /** {@code datapathId} carries the router's gateway since {@code at}: the host active before it was unreachable. */
  public record GatewayTakenOver(String datapathId, String previousDatapathId, Instant at) implements Event {}

  public record FloatingIpAttached(FloatingIpBinding binding, Instant at, Origin origin) implements Event {}

  public record FloatingIpDetached(String floatingIpId, Instant at, Origin origin) implements Event {}

  /** {@code view} is null before creation and after deletion (ids are never reused). */
  /** {@code created} is the creation event, kept to recognize retries of the create after later updates. */
  public record State(RouterView view, boolean deleted, RouterCreated created) implements TenetSerializable {
    public State {
      if (created == null && view != null) { // snapshots from before this field existed
        created = new RouterCreated(view.id(), view.tenantId(), view.name(), view.adminStateUp(), view.routes(), view.createdAt(), null);
      }
    }

    State with(RouterView next) {
      return new State(next, deleted, created);
    }
  }

  private final String routerId;
  private final ActorContext<Command> context;
  private final DataplaneSink dataplane;
  // Datapaths routing for this router (id to hypervisor name)
  private final DataplaneWatchers watchers = new DataplaneWatchers();
  private final RealizationLedger ledger = new RealizationLedger();

  /** A router that publishes its data-plane view nowhere. */
  public static Behavior<Command> create(String routerId) {
    return create(routerId, DataplaneSink.none());
  }

  /** {@code dataplane} receives the router's view for every datapath that asked for it. */
  public static Behavior<Command> create(String routerId, DataplaneSink dataplane) {
    return Behaviors.setup(context -> new RouterEntity(routerId, context, dataplane));
  }

  private RouterEntity(String routerId, ActorContext<Command> context, DataplaneSink dataplane) {
    super(PersistenceId.of(ENTITY_KEY.name(), routerId));
    this.routerId = routerId;
    this.context = context;
    this.dataplane = dataplane;
  }

  @Override
  public State emptyState() {
    return initialState();
  }

  /** Before the first event. */
  public static State initialState() {
    return new State(null, false, null);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), found(state).map(view -> view.withRealization(realization()))))
        .onCommand(Update.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(ChangeTags.class, this::onChangeTags)
        .onCommand(AddInterface.class, this::onAddInterface)
        .onCommand(RemoveInterface.class, this::onRemoveInterface)
        .onCommand(SetExternalGateway.class, this::onSetExternalGateway)
        .onCommand(TakeOverGateway.class, this::onTakeOverGateway)
        .onCommand(AttachFloatingIp.class, this::onAttachFloatingIp)
        .onCommand(DetachFloatingIp.class, this::onDetachFloatingIp)
        .onCommand(GetDataplane.class, (state, get) -> {
          if (state.view() == null) return Effect().reply(get.replyTo(), Outcome.rejected(Problem.notFound("router", routerId)));
          if (get.watcher() != null) watchers.watch(get.watcher(), get.hostname());
          return Effect().reply(get.replyTo(), Outcome.ok(dataplaneOf(state)));
        })
        .onCommand(StopWatching.class, (state, stop) -> {
          watchers.stop(stop.datapathId());
          return Effect().noReply();
        })
        .onCommand(ConfirmDataplane.class, (state, confirm) -> {
          ledger.confirmed(confirm.datapathId(), confirm.hostname(), confirm.version(), confirm.at());
          return Effect().noReply();
        })
        .onCommand(ReportDataplaneTrouble.class, (state, report) -> {
          ledger.troubled(report.datapathId(), report.hostname(), report.trouble());
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create create) {
    if (state.deleted()) return Effect().reply(create.replyTo(), Outcome.rejected(Problem.of(ProblemCode.ALREADY_EXISTS, "router " + routerId + " existed and was deleted; ids are not reused")));
    if (state.view() != null) {
      RouterView v = state.view();
      RouterCreated first = state.created();
      boolean same = first.tenantId().equals(create.tenantId()) && first.name().equals(create.name())
          && first.adminStateUp() == create.adminStateUp() && first.routes().equals(create.routes());
      return Effect().reply(create.replyTo(), same ? Outcome.ok(v) : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "router " + routerId + " already exists with other values", "id")));
    }
    Problem unreachable = unreachableRoute(create.routes(), List.of());
    if (unreachable != null) return Effect().reply(create.replyTo(), Outcome.rejected(unreachable));
    return Effect().persist(new RouterCreated(routerId, create.tenantId(), create.name(), create.adminStateUp(), create.routes(), Timestamps.now(), create.origin()))
        .thenReply(create.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onUpdate(State state, Update update) {
    if (state.view() == null) return Effect().reply(update.replyTo(), found(state));
    RouterView v = state.view();
    RouterUpdated updated = new RouterUpdated(update.name() == null ? v.name() : update.name(),
        update.adminStateUp() == null ? v.adminStateUp() : update.adminStateUp(),
        update.routes() == null ? v.routes() : update.routes(), Timestamps.now(), update.origin());
    Problem unreachable = unreachableRoute(updated.routes(), v.interfaces());
    if (unreachable != null) return Effect().reply(update.replyTo(), Outcome.rejected(unreachable));
    if (updated.name().equals(v.name()) && updated.adminStateUp() == v.adminStateUp() && updated.routes().equals(v.routes())) {
      return Effect().reply(update.replyTo(), Outcome.ok(v));
    }
    return Effect().persist(updated).thenRun(this::publish).thenReply(update.replyTo(), s -> Outcome.ok(s.view()));
  }

  /** Nothing a datapath implements, but realization counts events: the datapaths confirm the new version like any other. */
  private ReplyEffect<Event, State> onChangeTags(State state, ChangeTags change) {
    if (state.view() == null) return Effect().reply(change.replyTo(), found(state));
    Outcome<List<String>> next = Tags.changed(state.view().tags(), change.change());
    if (next instanceof Outcome.Rejected<List<String>> refused) return Effect().reply(change.replyTo(), Outcome.rejected(refused.problem()));
    List<String> tags = ((Outcome.Ok<List<String>>) next).value();
    if (tags.equals(state.view().tags())) return Effect().reply(change.replyTo(), found(state));
    return Effect().persist(new TagsSet(tags, Timestamps.now(), change.origin())).thenRun(this::publish).thenReply(change.replyTo(), this::found);
  }

  private ReplyEffect<Event, State> onDelete(State state, Delete delete) {
    if (state.view() == null) return Effect().reply(delete.replyTo(), found(state));
    if (!state.view().interfaces().isEmpty()) {
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.ROUTER_HAS_INTERFACES,
          "router " + routerId + " still has " + state.view().interfaces().size() + " interface(s); remove them first")));
    }
    if (state.view().externalGateway() != null) {
      return Effect().reply(delete.replyTo(), Outcome.rejected(Problem.of(ProblemCode.IN_USE,
          "router " + routerId + " still has an external gateway; remove it first")));
    }
    return Effect().persist(new RouterDeleted(Timestamps.now(), delete.origin())).thenReply(delete.replyTo(), s -> Outcome.ok(state.view()));
  }

  private ReplyEffect<Event, State> onAddInterface(State state, AddInterface add) {
    if (state.view() == null) return Effect().reply(add.replyTo(), found(state));
    RouterInterface wanted = add.routerInterface();
    Ipv4Cidr cidr = Ipv4Cidr.parse(wanted.cidr()).orElseThrow();
    for (RouterInterface existing : state.view().interfaces()) {
      if (existing.portId().equals(wanted.portId())) return Effect().reply(add.replyTo(), Outcome.ok(state.view()));
      if (existing.subnetId().equals(wanted.subnetId())) {
        return Effect().reply(add.replyTo(), Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS,
            "router " + routerId + " already has an interface on subnet " + wanted.subnetId(), "subnet_id")));
      }
      if (Ipv4Cidr.parse(existing.cidr()).orElseThrow().overlaps(cidr)) {
        return Effect().reply(add.replyTo(), Outcome.rejected(new Problem(ProblemCode.OVERLAPPING_SUBNET,
            "subnet " + cidr + " overlaps " + existing.cidr() + ", already attached to router " + routerId, "subnet_id")));
      }
    }
    ExternalGateway gateway = state.view().externalGateway();
    if (gateway != null && Ipv4Cidr.parse(gateway.cidr()).orElseThrow().overlaps(cidr)) {
      return Effect().reply(add.replyTo(), Outcome.rejected(new Problem(ProblemCode.OVERLAPPING_SUBNET,
          "subnet " + cidr + " overlaps the external subnet " + gateway.cidr() + " of router " + routerId, "subnet_id")));
    }
    return Effect().persist(new InterfaceAdded(wanted, Timestamps.now(), add.origin())).thenRun(this::publish).thenReply(add.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onRemoveInterface(State state, RemoveInterface remove) {
    if (state.view() == null) return Effect().reply(remove.replyTo(), Outcome.rejected(Problem.notFound("router", routerId)));
    RouterInterface leaving = state.view().interfaces().stream().filter(i -> i.subnetId().equals(remove.subnetId())).findFirst().orElse(null);
    if (leaving == null) {
      return Effect().reply(remove.replyTo(), Outcome.rejected(new Problem(ProblemCode.NOT_FOUND,
          "router " + routerId + " has no interface on subnet " + remove.subnetId(), "subnet_id")));
    }
    List<RouterInterface> remaining = new ArrayList<>(state.view().interfaces());
    remaining.remove(leaving);
    Ipv4Cidr leavingCidr = Ipv4Cidr.parse(leaving.cidr()).orElseThrow();
    if (state.view().floatingIps().stream().anyMatch(b -> leavingCidr.contains(Ipv4Address.parse(b.fixedIp()).orElseThrow()))) {
      return Effect().reply(remove.replyTo(), Outcome.rejected(new Problem(ProblemCode.IN_USE,
          "a floating IP of router " + routerId + " stands for an address on subnet " + leaving.cidr() + "; dissociate it first", "subnet_id")));
    }
    if (unreachableRoute(state.view().routes(), remaining) != null) {
      return Effect().reply(remove.replyTo(), Outcome.rejected(new Problem(ProblemCode.IN_USE,
          "a static route of router " + routerId + " uses a next hop on subnet " + leaving.cidr() + "; change the routes first", "subnet_id")));
    }
    return Effect().persist(new InterfaceRemoved(leaving.portId(), Timestamps.now(), remove.origin())).thenRun(this::publish)
        .thenReply(remove.replyTo(), s -> Outcome.ok(leaving));
  }

  private ReplyEffect<Event, State> onSetExternalGateway(State state, SetExternalGateway set) {
    if (state.view() == null) return Effect().reply(set.replyTo(), found(state));
    ExternalGateway current = state.view().externalGateway();
    if (set.gateway() == null) {
      if (current == null) return Effect().reply(set.replyTo(), Outcome.ok(state.view()));
      if (!state.view().floatingIps().isEmpty()) return Effect().reply(set.replyTo(), Outcome.rejected(floatingIpsInUse(state)));
      return Effect().persist(new ExternalGatewayRemoved(Timestamps.now(), set.origin())).thenRun(after -> publish(after, current))
          .thenReply(set.replyTo(), s -> Outcome.ok(s.view()));
    }
    ExternalGateway wanted = keepingActiveHost(set.gateway(), current);
    if (wanted.equals(current)) return Effect().reply(set.replyTo(), Outcome.ok(state.view()));
    if (current != null && !current.networkId().equals(set.gateway().networkId()) && !state.view().floatingIps().isEmpty()) {
      return Effect().reply(set.replyTo(), Outcome.rejected(floatingIpsInUse(state)));
    }
    Ipv4Cidr external = Ipv4Cidr.parse(set.gateway().cidr()).orElseThrow();
    for (RouterInterface iface : state.view().interfaces()) {
      if (Ipv4Cidr.parse(iface.cidr()).orElseThrow().overlaps(external)) {
        return Effect().reply(set.replyTo(), Outcome.rejected(new Problem(ProblemCode.OVERLAPPING_SUBNET,
            "external subnet " + external + " overlaps " + iface.cidr() + ", attached to router " + routerId, "external_gateway.network_id")));
      }
    }
    return Effect().persist(new ExternalGatewaySet(wanted, Timestamps.now(), set.origin())).thenRun(after -> publish(after, current))
        .thenReply(set.replyTo(), s -> Outcome.ok(s.view()));
  }

  /**
   * The active host a gateway is recorded with: the one asked for (an administrator named the
   * hosts); else, set again on the same network, the host that took it over, while it is still
   * among the hosts; else the host with the highest priority.
   */
  private static ExternalGateway keepingActiveHost(ExternalGateway wanted, ExternalGateway current) {
    if (wanted.activeDatapathId() != null || wanted.hosts().isEmpty()) return wanted;
    if (current != null && current.activeDatapathId() != null && current.networkId().equals(wanted.networkId()) && wanted.hasHost(current.activeDatapathId())) {
      return wanted.withActive(current.activeDatapathId());
    }
    return wanted.withActive(wanted.hosts().get(0).datapathId());
  }

  private ReplyEffect<Event, State> onTakeOverGateway(State state, TakeOverGateway takeOver) {
    ExternalGateway gateway = state.view() == null ? null : state.view().externalGateway();
    if (gateway == null || !gateway.hasHost(takeOver.datapathId())) return Effect().noReply();
    GatewayHost active = gateway.activeHost();
    if (active != null && active.datapathId().equals(takeOver.datapathId())) return Effect().noReply();
    context.getLog().info("router {}: gateway host {} took over from {}", routerId, takeOver.datapathId(), active == null ? "none" : active.datapathId());
    return Effect().persist(new GatewayTakenOver(takeOver.datapathId(), active == null ? null : active.datapathId(), Timestamps.now()))
        .thenRun(after -> publish(after, gateway)).thenNoReply();
  }

  private Problem floatingIpsInUse(State state) {
    return Problem.of(ProblemCode.IN_USE, "router " + routerId + " translates " + state.view().floatingIps().size()
        + " floating IP(s) through its gateway; dissociate them first");
  }

  private ReplyEffect<Event, State> onAttachFloatingIp(State state, AttachFloatingIp attach) {
    if (state.view() == null) return Effect().reply(attach.replyTo(), found(state));
    FloatingIpBinding wanted = attach.binding();
    if (state.view().externalGateway() == null) {
      return Effect().reply(attach.replyTo(), Outcome.rejected(new Problem(ProblemCode.EXTERNAL_UNREACHABLE,
          "router " + routerId + " has no external gateway", "port_id")));
    }
    Ipv4Address fixed = Ipv4Address.parse(wanted.fixedIp()).orElseThrow();
    if (state.view().interfaces().stream().noneMatch(iface -> Ipv4Cidr.parse(iface.cidr()).orElseThrow().contains(fixed))) {
      return Effect().reply(attach.replyTo(), Outcome.rejected(new Problem(ProblemCode.EXTERNAL_UNREACHABLE,
          wanted.fixedIp() + " is on no subnet of router " + routerId, "fixed_ip_address")));
    }
    for (FloatingIpBinding other : state.view().floatingIps()) {
      if (other.equals(wanted)) return Effect().reply(attach.replyTo(), Outcome.ok(state.view()));
      if (!other.floatingIpId().equals(wanted.floatingIpId()) && other.fixedIp().equals(wanted.fixedIp())) {
        return Effect().reply(attach.replyTo(), Outcome.rejected(new Problem(ProblemCode.IN_USE,
            wanted.fixedIp() + " already has floating IP " + other.floatingIp(), "fixed_ip_address")));
      }
    }
    return Effect().persist(new FloatingIpAttached(wanted, Timestamps.now(), attach.origin())).thenRun(this::publish)
        .thenReply(attach.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onDetachFloatingIp(State state, DetachFloatingIp detach) {
    if (state.view() == null) return Effect().reply(detach.replyTo(), found(state));
    if (state.view().floatingIps().stream().noneMatch(b -> b.floatingIpId().equals(detach.floatingIpId()))) {
      return Effect().reply(detach.replyTo(), Outcome.ok(state.view()));
    }
    return Effect().persist(new FloatingIpDetached(detach.floatingIpId(), Timestamps.now(), detach.origin())).thenRun(this::publish)
        .thenReply(detach.replyTo(), s -> Outcome.ok(s.view()));
  }

  /** A static route must leave through an attached subnet; returns why not, or null. */
  private static Problem unreachableRoute(List<HostRoute> routes, List<RouterInterface> interfaces) {
    for (int i = 0; i < routes.size(); i++) {
      Ipv4Address nexthop = Ipv4Address.parse(routes.get(i).nexthop()).orElseThrow();
      boolean reachable = interfaces.stream().anyMatch(iface -> Ipv4Cidr.parse(iface.cidr()).orElseThrow().contains(nexthop));
      if (!reachable) return Problem.invalid("routes[" + i + "].nexthop", "next hop " + nexthop + " is not on any subnet attached to the router");
    }
    return null;
  }

  private RouterDataplane dataplaneOf(State state) {
    RouterView view = state.view();
    return new RouterDataplane(routerId, view.tenantId(), view.adminStateUp(), view.interfaces(), view.routes(), lastSequenceNumber(context),
        view.externalGateway(), view.floatingIps());
  }

  /** The view, at most once, to every datapath that asked for it since this entity started. */
  private void publish(State after) {
    publish(after, null);
  }

  /**
   * Also to the hosts of the gateway the router has now and of the one it had before (they learn
   * from it that they carry the gateway, or no longer do), whether or not they asked yet.
   */
  private void publish(State after, ExternalGateway before) {
    if (after.view() == null) return;
    RouterDataplane view = dataplaneOf(after);
    watchers.each(datapathId -> dataplane.publish(datapathId, view), context.getLog(), "router " + routerId + " version " + view.version());
    Set<String> hosts = new TreeSet<>();
    for (ExternalGateway gateway : Arrays.asList(before, after.view().externalGateway())) {
      if (gateway != null) gateway.hosts().forEach(host -> hosts.add(host.datapathId()));
    }
    hosts.removeAll(watchers.hostnames().keySet());
    hosts.forEach(datapathId -> dataplane.publish(datapathId, view));
  }

  /**
   * Which datapaths routing for this router have confirmed its current version. Those are the ones
   * that asked for its view since this entity started: after a restart the list refills as they
   * pull again (within their anti-entropy period).
   */
  private Realization realization() {
    return ledger.realizationOf(lastSequenceNumber(context), watchers.hostnames());
  }

  private Outcome<RouterView> found(State state) {
    return state.view() == null ? Outcome.rejected(Problem.notFound("router", routerId)) : Outcome.ok(state.view());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(RouterEntity::evolve);
  }

  /** The state after {@code event}: pure, so the history replays a journal through exactly what the entity does. */
  public static State evolve(State state, Event event) {
    if (event instanceof RouterCreated e) {
      return new State(new RouterView(e.routerId(), e.tenantId(), e.name(), e.adminStateUp(), List.of(), e.routes(), e.at(), e.at(), 1, null, List.of(), List.of()), false, e);
    } else if (event instanceof RouterUpdated e) {
      RouterView v = state.view();
      return state.with(new RouterView(v.id(), v.tenantId(), e.name(), e.adminStateUp(), v.interfaces(), e.routes(), v.createdAt(), e.at(), v.revision() + 1,
          v.externalGateway(), v.floatingIps(), v.tags()));
    } else if (event instanceof InterfaceAdded e) {
      RouterView v = state.view();
      List<RouterInterface> interfaces = new ArrayList<>(v.interfaces());
      interfaces.add(e.routerInterface());
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), List.copyOf(interfaces), v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          v.externalGateway(), v.floatingIps(), v.tags()));
    } else if (event instanceof InterfaceRemoved e) {
      RouterView v = state.view();
      List<RouterInterface> interfaces = v.interfaces().stream().filter(i -> !i.portId().equals(e.portId())).toList();
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), interfaces, v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          v.externalGateway(), v.floatingIps(), v.tags()));
    } else if (event instanceof ExternalGatewaySet e) {
      RouterView v = state.view();
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), v.interfaces(), v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          e.gateway(), v.floatingIps(), v.tags()));
    } else if (event instanceof ExternalGatewayRemoved e) {
      RouterView v = state.view();
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), v.interfaces(), v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          null, v.floatingIps(), v.tags()));
    } else if (event instanceof FloatingIpAttached e) {
      RouterView v = state.view();
      List<FloatingIpBinding> bindings = new ArrayList<>(v.floatingIps().stream().filter(b -> !b.floatingIpId().equals(e.binding().floatingIpId())).toList());
      bindings.add(e.binding());
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), v.interfaces(), v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          v.externalGateway(), List.copyOf(bindings), v.tags()));
    } else if (event instanceof GatewayTakenOver e) {
      RouterView v = state.view();
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), v.interfaces(), v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          v.externalGateway().withActive(e.datapathId()), v.floatingIps(), v.tags()));
    } else if (event instanceof FloatingIpDetached e) {
      RouterView v = state.view();
      return state.with(new RouterView(v.id(), v.tenantId(), v.name(), v.adminStateUp(), v.interfaces(), v.routes(), v.createdAt(), e.at(), v.revision() + 1,
          v.externalGateway(), v.floatingIps().stream().filter(b -> !b.floatingIpId().equals(e.floatingIpId())).toList(), v.tags()));
    } else if (event instanceof TagsSet e) {
      return state.with(state.view().withTags(e.tags(), e.at()));
    } else if (event instanceof RouterDeleted) {
      return new State(null, true, null);
    }
    throw new IllegalArgumentException("unknown router event " + event.getClass().getName());
  }
}
