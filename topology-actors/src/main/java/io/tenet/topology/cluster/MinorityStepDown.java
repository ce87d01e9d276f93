package io.tenet.topology.cluster;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Downs this node the moment it sees fewer than half of the cluster's members reachable, instead
 * of after the split-brain resolver's {@code stable-after} (and its one-second tick). Keep-majority
 * would down this side anyway; doing it at once stops this node's entities (its shard regions stop
 * when it is downed) long before the majority, which waits {@code stable-after} and the removal
 * margin, starts them again: one writer per journal even when this node still reaches Cassandra
 * and its switches. An even split is left to the resolver, which breaks the tie by address. The
 * price: a node cut off for longer than the failure detector's pause restarts even if the cut
 * heals within {@code stable-after}; its datapaths move, which costs no packet.
 */
public final class MinorityStepDown {
  private MinorityStepDown() {}

  /** Only where the resolver keeps the majority: under other strategies a minority may be the side that stays. */
  public static boolean appliesTo(Config config) {
    return config.getString("pekko.cluster.downing-provider-class").endsWith("SplitBrainResolverProvider")
        && config.getString("pekko.cluster.split-brain-resolver.active-strategy").equals("keep-majority");
  }

  /**
   * Whether a node with this view of the cluster is on the minority side: of the members that
   * count (Up or Leaving, as the resolver counts them), fewer than half are reachable. A node not
   * yet Up itself never is.
   */
  static boolean onMinoritySide(MemberFacts self, List<MemberFacts> members) {
    if (!counts(self)) return false;
    long counted = members.stream().filter(MinorityStepDown::counts).count();
    long reachable = members.stream().filter(MinorityStepDown::counts).filter(MemberFacts::reachable).count();
    return reachable * 2 < counted;
  }

  private static boolean counts(MemberFacts member) {
    return member.pekkoStatus().equals(MemberStatus.up().toString()) || member.pekkoStatus().equals(MemberStatus.leaving().toString());
  }

  /**
   * Follows membership and reachability from the events themselves: the cluster's cached state
   * ({@code Cluster.state()}) is updated by another subscriber and may not show yet the very
   * unreachability an event announces.
   */
  public static Behavior<ClusterEvent.ClusterDomainEvent> create() {
    return Behaviors.setup(context -> {
      Cluster cluster = Cluster.get(context.getSystem());
      UniqueAddress self = cluster.selfMember().uniqueAddress();
      cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(context.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      Map<UniqueAddress, Member> members = new HashMap<>();
      Set<UniqueAddress> unreachable = new HashSet<>();
      return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class).onAnyMessage(event -> {
        if (event instanceof ClusterEvent.MemberRemoved removed) {
          members.remove(removed.member().uniqueAddress());
          unreachable.remove(removed.member().uniqueAddress());
        } else if (event instanceof ClusterEvent.MemberEvent changed) {
          members.put(changed.member().uniqueAddress(), changed.member());
        } else if (event instanceof ClusterEvent.UnreachableMember lost) {
          unreachable.add(lost.member().uniqueAddress());
        } else if (event instanceof ClusterEvent.ReachableMember back) {
          unreachable.remove(back.member().uniqueAddress());
        }
        Member selfMember = members.get(self);
        if (selfMember == null) return Behaviors.same();
        List<MemberFacts> view = new ArrayList<>();
        for (Member member : members.values()) view.add(facts(member, !unreachable.contains(member.uniqueAddress())));
        if (!onMinoritySide(facts(selfMember, true), view)) return Behaviors.same();
        context.getLog().warn("only {} of {} members are reachable from this node: it is on the minority side of a partition and downs itself now "
            + "(its datapaths are taken over by the majority)", view.stream().filter(MemberFacts::reachable).count(), view.size());
        cluster.manager().tell(new Down(self.address()));
        return Behaviors.stopped();
      }).build();
    });
  }

  private static MemberFacts facts(Member member, boolean reachable) {
    return new MemberFacts(member.address().toString(), member.status().toString(), member.getRoles(), reachable);
  }
}
