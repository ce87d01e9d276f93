package io.tenet.topology.vni;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.validation.NetworkValidation;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The one writer of VNI ownership, so no two networks anywhere in the cluster share a VNI.
 * Allocation is idempotent per network id: asking again returns the VNI the network already has.
 */
public final class VniRegistry extends EventSourcedBehaviorWithEnforcedReplies<VniRegistry.Command, VniRegistry.Event, VniRegistry.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "VniRegistry");
  /** There is one registry; sharding places it on one node and moves it when that node leaves. */
  public static final String ENTITY_ID = "global";
  /** Automatic allocation starts here, leaving low VNIs for operators who pin them. */
  public static final int FIRST_AUTOMATIC = 4096;

  public sealed interface Command extends TenetSerializable {}

  public record Allocate(String networkId, Integer requestedVni, ActorRef<Outcome<Integer>> replyTo) implements Command {}

  public record Release(String networkId, ActorRef<Outcome<Integer>> replyTo) implements Command {}

  public record Lookup(String networkId, ActorRef<Outcome<Integer>> replyTo) implements Command {}

  public sealed interface Event extends TenetSerializable {}

  public record VniAllocated(String networkId, int vni) implements Event {}

  public record VniReleased(String networkId, int vni) implements Event {}

  /** Owner of every VNI in use; {@code nextCandidate} keeps automatic allocation from rescanning. */
  public record State(TreeMap<Integer, String> ownerByVni, TreeMap<String, Integer> vniByNetwork, int nextCandidate) implements TenetSerializable {
    static State empty() {
      return new State(new TreeMap<>(), new TreeMap<>(), FIRST_AUTOMATIC);
    }

    State with(VniAllocated allocated) {
      TreeMap<Integer, String> owners = new TreeMap<>(ownerByVni);
      TreeMap<String, Integer> vnis = new TreeMap<>(vniByNetwork);
      owners.put(allocated.vni(), allocated.networkId());
      vnis.put(allocated.networkId(), allocated.vni());
      int next = allocated.vni() >= nextCandidate ? wrap(allocated.vni() + 1) : nextCandidate;
      return new State(owners, vnis, next);
    }

    State without(VniReleased released) {
      TreeMap<Integer, String> owners = new TreeMap<>(ownerByVni);
      TreeMap<String, Integer> vnis = new TreeMap<>(vniByNetwork);
      owners.remove(released.vni());
      vnis.remove(released.networkId());
      return new State(owners, vnis, nextCandidate);
    }

    /** The next free VNI at or after the candidate, wrapping once around the automatic range. */
    Integer nextFree() {
      int span = NetworkValidation.MAX_VNI - FIRST_AUTOMATIC + 1;
      int candidate = nextCandidate;
      for (int tried = 0; tried < span; tried++) {
        if (!ownerByVni.containsKey(candidate)) return candidate;
        candidate = wrap(candidate + 1);
      }
      return null;
    }

    private static int wrap(int vni) {
      return vni > NetworkValidation.MAX_VNI ? FIRST_AUTOMATIC : vni;
    }
  }

  public static Behavior<Command> create() {
    return new VniRegistry(PersistenceId.of(ENTITY_KEY.name(), ENTITY_ID));
  }

  private VniRegistry(PersistenceId persistenceId) {
    super(persistenceId);
  }

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Allocate.class, this::allocate)
        .onCommand(Release.class, this::release)
        .onCommand(Lookup.class, (state, lookup) -> Effect().reply(lookup.replyTo(), current(state, lookup.networkId())))
        .build();
  }

  private ReplyEffect<Event, State> allocate(State state, Allocate command) {
    Integer existing = state.vniByNetwork().get(command.networkId());
    if (existing != null) {
      if (command.requestedVni() != null && !command.requestedVni().equals(existing)) {
        return Effect().reply(command.replyTo(), Outcome.rejected(new Problem(ProblemCode.ALREADY_EXISTS,
            "network " + command.networkId() + " already has VNI " + existing, "vni")));
      }
      return Effect().reply(command.replyTo(), Outcome.ok(existing));
    }
    Integer vni = command.requestedVni() != null ? command.requestedVni() : state.nextFree();
    if (vni == null) return Effect().reply(command.replyTo(), Outcome.rejected(Problem.of(ProblemCode.VNI_EXHAUSTED, "every VNI is in use")));
    String owner = state.ownerByVni().get(vni);
    if (owner != null) {
      return Effect().reply(command.replyTo(), Outcome.rejected(new Problem(ProblemCode.VNI_IN_USE, "VNI " + vni + " is used by another network", "vni")));
    }
    int allocated = vni;
    return Effect().persist(new VniAllocated(command.networkId(), allocated)).thenReply(command.replyTo(), s -> Outcome.ok(allocated));
  }

  private ReplyEffect<Event, State> release(State state, Release command) {
    Integer vni = state.vniByNetwork().get(command.networkId());
    if (vni == null) return Effect().reply(command.replyTo(), Outcome.rejected(Problem.notFound("VNI of network", command.networkId())));
    return Effect().persist(new VniReleased(command.networkId(), vni)).thenReply(command.replyTo(), s -> Outcome.ok(vni));
  }

  private static Outcome<Integer> current(State state, String networkId) {
    Integer vni = state.vniByNetwork().get(networkId);
    return vni == null ? Outcome.rejected(Problem.notFound("VNI of network", networkId)) : Outcome.ok(vni);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(VniAllocated.class, State::with)
        .onEvent(VniReleased.class, State::without)
        .build();
  }
}
