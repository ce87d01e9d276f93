package io.tenet.topology.vni;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.model.ExternalClaim;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.net.Ipv4Cidr;
import io.tenet.topology.validation.NetworkValidation;
import java.util.List;
import java.util.Map;
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
 * The one writer of what networks may not share cluster-wide: VNIs, and for external networks
 * their claim on the physical world ({@link ExternalClaim}: a flat or VLAN segment of a physical
 * network, and public address ranges). A layer-2 gateway holds a VNI and a claim on its VLAN here
 * too, under its own id, as if it were a network: so a VLAN is bridged once, or used once. Allocation is idempotent per network id: asking again
 * returns the VNI the network already has. Releasing a network's VNI releases its claim too, in
 * the same event, so the network entity's one retried hand-back covers both.
 */
public final class VniRegistry extends EventSourcedBehaviorWithEnforcedReplies<VniRegistry.Command, VniRegistry.Event, VniRegistry.State> {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "VniRegistry");
  /** There is one registry; sharding places it on one node and moves it when that node leaves. */
  public static final String ENTITY_ID = "global";
  /** Automatic allocation starts here, leaving low VNIs for operators who pin them. */
  public static final int FIRST_AUTOMATIC = 4096;

  public sealed interface Command extends TenetSerializable {}

  /** {@code claim}: for an external network, what it holds on its physical network; null for a tenant network. */
  public record Allocate(String networkId, Integer requestedVni, ExternalClaim claim, ActorRef<Outcome<Integer>> replyTo) implements Command {
    public Allocate(String networkId, Integer requestedVni, ActorRef<Outcome<Integer>> replyTo) {
      this(networkId, requestedVni, null, replyTo);
    }
  }

  /** An external network's subnets changed: its ranges are checked again against the other external networks'. */
  public record UpdateClaim(String networkId, ExternalClaim claim, ActorRef<Outcome<ExternalClaim>> replyTo) implements Command {}

  /** Ids of every external network, for tenants' listings. */
  public record ListExternal(ActorRef<Outcome<List<String>>> replyTo) implements Command {}

  public record Release(String networkId, ActorRef<Outcome<Integer>> replyTo) implements Command {}

  public record Lookup(String networkId, ActorRef<Outcome<Integer>> replyTo) implements Command {}

  public sealed interface Event extends TenetSerializable {}

  /** {@code claim}: null for a tenant network (and in events written before external networks existed). */
  public record VniAllocated(String networkId, int vni, ExternalClaim claim) implements Event {
    public VniAllocated(String networkId, int vni) {
      this(networkId, vni, null);
    }
  }

  public record ClaimUpdated(String networkId, ExternalClaim claim) implements Event {}

  public record VniReleased(String networkId, int vni) implements Event {}

  /**
   * Owner of every VNI in use; {@code nextCandidate} keeps automatic allocation from rescanning;
   * {@code claimByNetwork}: every external network's claim (null in snapshots from before external networks).
   */
  public record State(TreeMap<Integer, String> ownerByVni, TreeMap<String, Integer> vniByNetwork, int nextCandidate,
      TreeMap<String, ExternalClaim> claimByNetwork) implements TenetSerializable {
    public State {
      claimByNetwork = claimByNetwork == null ? new TreeMap<>() : claimByNetwork;
    }

    static State empty() {
      return new State(new TreeMap<>(), new TreeMap<>(), FIRST_AUTOMATIC, new TreeMap<>());
    }

    State with(VniAllocated allocated) {
      TreeMap<Integer, String> owners = new TreeMap<>(ownerByVni);
      TreeMap<String, Integer> vnis = new TreeMap<>(vniByNetwork);
      owners.put(allocated.vni(), allocated.networkId());
      vnis.put(allocated.networkId(), allocated.vni());
      int next = allocated.vni() >= nextCandidate ? wrap(allocated.vni() + 1) : nextCandidate;
      return new State(owners, vnis, next, withClaim(allocated.networkId(), allocated.claim()));
    }

    State with(ClaimUpdated updated) {
      return new State(ownerByVni, vniByNetwork, nextCandidate, withClaim(updated.networkId(), updated.claim()));
    }

    State without(VniReleased released) {
      TreeMap<Integer, String> owners = new TreeMap<>(ownerByVni);
      TreeMap<String, Integer> vnis = new TreeMap<>(vniByNetwork);
      owners.remove(released.vni());
      vnis.remove(released.networkId());
      return new State(owners, vnis, nextCandidate, withClaim(released.networkId(), null));
    }

    private TreeMap<String, ExternalClaim> withClaim(String networkId, ExternalClaim claim) {
      TreeMap<String, ExternalClaim> claims = new TreeMap<>(claimByNetwork);
      if (claim == null) claims.remove(networkId);
      else claims.put(networkId, claim);
      return claims;
    }

    /** Why {@code claim} cannot be held by {@code networkId} next to the other external networks' claims, or null if it can. */
    Problem conflict(String networkId, ExternalClaim claim) {
      for (Map.Entry<String, ExternalClaim> other : claimByNetwork.entrySet()) {
        if (other.getKey().equals(networkId)) continue;
        if (other.getValue().segment().collidesWith(claim.segment())) {
          String user = other.getValue().byL2Gateway() ? "layer-2 gateway " : "external network ";
          String field = claim.byL2Gateway() ? "segmentation_id" : claim.segment().type() == ProviderType.FLAT ? "provider.physical_network" : "provider.segmentation_id";
          return new Problem(ProblemCode.SEGMENT_IN_USE, claim.segment() + " is used by " + user + other.getKey(), field);
        }
        for (int i = 0; i < claim.cidrs().size(); i++) {
          Ipv4Cidr cidr = Ipv4Cidr.parse(claim.cidrs().get(i)).orElseThrow();
          for (String taken : other.getValue().cidrs()) {
            if (Ipv4Cidr.parse(taken).orElseThrow().overlaps(cidr)) {
              return new Problem(ProblemCode.OVERLAPPING_SUBNET, "subnet " + cidr + " overlaps " + taken + " of external network " + other.getKey(),
                  "subnets[" + i + "].cidr");
            }
          }
        }
      }
      return null;
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
        .onCommand(UpdateClaim.class, this::updateClaim)
        .onCommand(ListExternal.class, (state, list) -> Effect().reply(list.replyTo(), Outcome.ok(state.claimByNetwork().entrySet().stream()
            .filter(claim -> !claim.getValue().byL2Gateway()).map(Map.Entry::getKey).toList())))
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
    if (command.claim() != null) {
      Problem conflict = state.conflict(command.networkId(), command.claim());
      if (conflict != null) return Effect().reply(command.replyTo(), Outcome.rejected(conflict));
    }
    Integer vni = command.requestedVni() != null ? command.requestedVni() : state.nextFree();
    if (vni == null) return Effect().reply(command.replyTo(), Outcome.rejected(Problem.of(ProblemCode.VNI_EXHAUSTED, "every VNI is in use")));
    String owner = state.ownerByVni().get(vni);
    if (owner != null) {
      return Effect().reply(command.replyTo(), Outcome.rejected(new Problem(ProblemCode.VNI_IN_USE, "VNI " + vni + " is used by another network", "vni")));
    }
    int allocated = vni;
    return Effect().persist(new VniAllocated(command.networkId(), allocated, command.claim())).thenReply(command.replyTo(), s -> Outcome.ok(allocated));
  }

  private ReplyEffect<Event, State> updateClaim(State state, UpdateClaim command) {
    ExternalClaim current = state.claimByNetwork().get(command.networkId());
    if (current == null) return Effect().reply(command.replyTo(), Outcome.rejected(Problem.notFound("external network", command.networkId())));
    if (current.equals(command.claim())) return Effect().reply(command.replyTo(), Outcome.ok(current));
    Problem conflict = state.conflict(command.networkId(), command.claim());
    if (conflict != null) return Effect().reply(command.replyTo(), Outcome.rejected(conflict));
    return Effect().persist(new ClaimUpdated(command.networkId(), command.claim())).thenReply(command.replyTo(), s -> Outcome.ok(command.claim()));
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
        .onEvent(ClaimUpdated.class, State::with)
        .build();
  }
}
