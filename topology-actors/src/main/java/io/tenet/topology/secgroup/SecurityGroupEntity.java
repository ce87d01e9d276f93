package io.tenet.topology.secgroup;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.dataplane.DataplaneWatchers;
import io.tenet.topology.model.Origin;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupSpec;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.Tags;
import io.tenet.topology.model.Timestamps;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationLedger;
import java.time.Instant;
import java.util.List;
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

/** A security group: a named set of allow rules. Rules are validated before they reach it. */
public final class SecurityGroupEntity
    extends EventSourcedBehaviorWithEnforcedReplies<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "SecurityGroup");

  public sealed interface Command extends TenetSerializable {}

  public record Create(String tenantId, SecurityGroupSpec spec, Origin origin, ActorRef<Outcome<SecurityGroupView>> replyTo) implements Command {}

  public record Get(ActorRef<Outcome<SecurityGroupView>> replyTo) implements Command {}

  /**
   * The view without its realization: for checking that the group exists and whose it is (every
   * port create does), which need not walk the datapaths enforcing it (a tenant's default group
   * has one per hypervisor hosting the tenant).
   */
  public record Lookup(ActorRef<Outcome<SecurityGroupView>> replyTo) implements Command {}

  /**
   * Null fields stay as they are. {@code ifRevision}: refused unless the group is at that revision
   * (null: whatever it is), so rules read, changed and written back lose no concurrent change.
   */
  public record Update(String name, String description, List<SecurityGroupRule> rules, Long ifRevision, Origin origin,
      ActorRef<Outcome<SecurityGroupView>> replyTo) implements Command {
    public Update(String name, String description, List<SecurityGroupRule> rules, Origin origin, ActorRef<Outcome<SecurityGroupView>> replyTo) {
      this(name, description, rules, null, origin, replyTo);
    }
  }

  public record Delete(Origin origin, ActorRef<Outcome<SecurityGroupView>> replyTo) implements Command {}

  /** Changes the group's tags; a change that leaves them as they are writes nothing. */
  public record ChangeTags(TagChange change, Origin origin, ActorRef<Outcome<SecurityGroupView>> replyTo) implements Command {}

  /**
   * The rules datapaths enforce. {@code watcher}, a datapath, gets every later view too, until
   * this entity restarts (datapaths pull again periodically) or it says it stopped.
   */
  public record GetDataplane(String watcher, String hostname, ActorRef<Outcome<SecurityGroupDataplane>> replyTo) implements Command {}

  /** From a datapath that no longer enforces this group: no more views. No answer. */
  public record StopWatching(String datapathId) implements Command {}

  /** From a datapath enforcing this group: it implements {@code version}, confirmed by a barrier at {@code at}. No answer. */
  public record ConfirmDataplane(String datapathId, String hostname, long version, Instant at) implements Command {}

  /** From a datapath enforcing this group: it cannot confirm anything until it confirms again. No answer. */
  public record ReportDataplaneTrouble(String datapathId, String hostname, DataplaneTrouble trouble) implements Command {}

  public sealed interface Event extends TenetSerializable {}

  public record SecurityGroupCreated(String groupId, String tenantId, SecurityGroupSpec spec, Instant at, Origin origin) implements Event {}

  public record SecurityGroupUpdated(SecurityGroupSpec spec, Instant at, Origin origin) implements Event {}

  public record SecurityGroupDeleted(Instant at, Origin origin) implements Event {}

  public record TagsSet(List<String> tags, Instant at, Origin origin) implements Event {}

  /**
   * {@code view} is null before creation and after deletion; a deleted id is never reused.
   * {@code requested} is the create request, kept to recognize its retries after later updates.
   */
  public record State(SecurityGroupView view, boolean deleted, SecurityGroupSpec requested) implements TenetSerializable {
    public State {
      if (requested == null && view != null) requested = spec(view); // snapshots from before this field existed
    }
  }

  private final String groupId;
  private final ActorContext<Command> context;
  private final DataplaneSink dataplane;
  // Datapaths enforcing this group (a local port is a member, or a local port's rules name it as remote group)
  private final DataplaneWatchers watchers = new DataplaneWatchers();
  private final RealizationLedger ledger = new RealizationLedger();

  /** A group that publishes its data-plane view nowhere. */
  public static Behavior<Command> create(String groupId) {
    return create(groupId, DataplaneSink.none());
  }

  /** {@code dataplane} receives the group's view for every datapath that asked for it. */
  public static Behavior<Command> create(String groupId, DataplaneSink dataplane) {
    return Behaviors.setup(context -> new SecurityGroupEntity(groupId, context, dataplane));
  }

  private SecurityGroupEntity(String groupId, ActorContext<Command> context, DataplaneSink dataplane) {
    super(PersistenceId.of(ENTITY_KEY.name(), groupId));
    this.groupId = groupId;
    this.context = context;
    this.dataplane = dataplane;
  }

  @Override
  public State emptyState() {
    return initialState();
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
        .onCommand(Lookup.class, (state, lookup) -> Effect().reply(lookup.replyTo(), found(state)))
        .onCommand(Update.class, this::onUpdate)
        .onCommand(ChangeTags.class, this::onChangeTags)
        .onCommand(Delete.class, (state, delete) -> state.view() == null
            ? Effect().reply(delete.replyTo(), found(state))
            : Effect().persist(new SecurityGroupDeleted(Timestamps.now(), delete.origin())).thenReply(delete.replyTo(), s -> Outcome.ok(state.view())))
        .onCommand(GetDataplane.class, (state, get) -> {
          if (state.view() == null) return Effect().reply(get.replyTo(), Outcome.rejected(Problem.notFound("security group", groupId)));
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
    if (state.deleted()) return Effect().reply(create.replyTo(), Outcome.rejected(Problem.of(ProblemCode.ALREADY_EXISTS, "security group " + groupId + " existed and was deleted; ids are not reused")));
    if (state.view() != null) {
      SecurityGroupView view = state.view();
      boolean same = view.tenantId().equals(create.tenantId()) && state.requested().equals(create.spec());
      return Effect().reply(create.replyTo(), same ? Outcome.ok(view)
          : Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS, "security group " + groupId + " already exists with other values", "id")));
    }
    return Effect().persist(new SecurityGroupCreated(groupId, create.tenantId(), create.spec(), Timestamps.now(), create.origin()))
        .thenReply(create.replyTo(), s -> Outcome.ok(s.view()));
  }

  private ReplyEffect<Event, State> onUpdate(State state, Update update) {
    if (state.view() == null) return Effect().reply(update.replyTo(), found(state));
    if (update.ifRevision() != null && update.ifRevision() != state.view().revision()) {
      return Effect().reply(update.replyTo(), Outcome.rejected(Problem.of(ProblemCode.REVISION_MISMATCH,
          "security group " + state.view().id() + " is at revision " + state.view().revision() + ", not " + update.ifRevision())));
    }
    SecurityGroupSpec current = spec(state.view());
    SecurityGroupSpec next = new SecurityGroupSpec(
        update.name() == null ? current.name() : update.name(),
        update.description() == null ? current.description() : update.description(),
        update.rules() == null ? current.rules() : update.rules());
    if (next.equals(current)) return Effect().reply(update.replyTo(), Outcome.ok(state.view()));
    return Effect().persist(new SecurityGroupUpdated(next, Timestamps.now(), update.origin())).thenRun(this::publish)
        .thenReply(update.replyTo(), s -> Outcome.ok(s.view()));
  }

  /** Nothing a datapath enforces, but realization counts events: the datapaths confirm the new version like any other. */
  private ReplyEffect<Event, State> onChangeTags(State state, ChangeTags change) {
    if (state.view() == null) return Effect().reply(change.replyTo(), found(state));
    Outcome<List<String>> next = Tags.changed(state.view().tags(), change.change());
    if (next instanceof Outcome.Rejected<List<String>> refused) return Effect().reply(change.replyTo(), Outcome.rejected(refused.problem()));
    List<String> tags = ((Outcome.Ok<List<String>>) next).value();
    if (tags.equals(state.view().tags())) return Effect().reply(change.replyTo(), found(state));
    return Effect().persist(new TagsSet(tags, Timestamps.now(), change.origin())).thenRun(this::publish).thenReply(change.replyTo(), this::found);
  }

  private SecurityGroupDataplane dataplaneOf(State state) {
    return new SecurityGroupDataplane(groupId, state.view().tenantId(), state.view().rules(), lastSequenceNumber(context));
  }

  /** The view, at most once, to every datapath that asked for it since this entity started. */
  private void publish(State after) {
    if (after.view() == null) return;
    SecurityGroupDataplane view = dataplaneOf(after);
    watchers.each(datapathId -> dataplane.publish(datapathId, view), context.getLog(), "security group " + groupId + " version " + view.version());
  }

  /**
   * Which datapaths enforcing this group (a local port in it, or in a group whose rules name it)
   * have confirmed its current version: those that asked for its view since this entity started,
   * so after a restart the list refills as they pull again (within their anti-entropy period).
   */
  private Realization realization() {
    return ledger.realizationOf(lastSequenceNumber(context), watchers.hostnames());
  }

  private Outcome<SecurityGroupView> found(State state) {
    return state.view() == null ? Outcome.rejected(Problem.notFound("security group", groupId)) : Outcome.ok(state.view());
  }

  private static SecurityGroupSpec spec(SecurityGroupView view) {
    return new SecurityGroupSpec(view.name(), view.description(), view.rules());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(SecurityGroupEntity::evolve);
  }

  /** Before the first event. */
  public static State initialState() {
    return new State(null, false, null);
  }

  /** The state after {@code event}: pure, so the history replays a journal through exactly what the entity does. */
  public static State evolve(State state, Event event) {
    if (event instanceof SecurityGroupCreated e) {
      return new State(new SecurityGroupView(e.groupId(), e.tenantId(), e.spec().name(), e.spec().description(), e.spec().rules(), e.at(), e.at(), 1, List.of()), false, e.spec());
    } else if (event instanceof SecurityGroupUpdated e) {
      SecurityGroupView v = state.view();
      return new State(new SecurityGroupView(v.id(), v.tenantId(), e.spec().name(), e.spec().description(), e.spec().rules(),
          v.createdAt(), e.at(), v.revision() + 1, v.tags()), false, state.requested());
    } else if (event instanceof TagsSet e) {
      return new State(state.view().withTags(e.tags(), e.at()), false, state.requested());
    } else if (event instanceof SecurityGroupDeleted) {
      return new State(null, true, null);
    }
    throw new IllegalArgumentException("unknown security group event " + event.getClass().getName());
  }
}
