package io.tenet.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ShardAllocationStrategy;
import org.apache.pekko.cluster.sharding.ShardCoordinator.StartableAllocationStrategy;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Set;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

class JournalGatedAllocationTest {
  @SuppressWarnings("unchecked")
  private static final Set<String> NONE = (Set<String>) (Set<?>) scala.collection.immutable.Set$.MODULE$.empty();
  @SuppressWarnings("unchecked")
  private static final Map<ActorRef, IndexedSeq<String>> NO_ALLOCATIONS = (Map<ActorRef, IndexedSeq<String>>) (Map<?, ?>) scala.collection.immutable.Map$.MODULE$.empty();

  /** Proposes the given shards on every rebalance and allocates every shard to nobody. */
  private static final class Proposing implements StartableAllocationStrategy {
    private final Set<String> proposal;
    int starts;

    Proposing(Set<String> proposal) {
      this.proposal = proposal;
    }

    @Override
    public void start() {
      starts++;
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
      return Future.successful(ActorRef.noSender());
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
      return Future.successful(proposal);
    }
  }

  private static Set<String> rebalance(ShardAllocationStrategy strategy) throws Exception {
    return FutureConverters.asJava(strategy.rebalance(NO_ALLOCATIONS, NONE)).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Supplier<CompletionStage<Boolean>> journal(CompletionStage<Boolean> answer, AtomicInteger asked) {
    return () -> {
      asked.incrementAndGet();
      return answer;
    };
  }

  @Test
  void aWritableJournalLetsTheProposedMovesThrough() throws Exception {
    Set<String> proposal = NONE.incl("7").incl("12");
    AtomicInteger asked = new AtomicInteger();
    assertEquals(proposal, rebalance(new JournalGatedAllocation("Port", new Proposing(proposal), journal(CompletableFuture.completedFuture(true), asked))));
    assertEquals(1, asked.get());
  }

  @Test
  void aJournalThatDoesNotConfirmAWriteHoldsEveryMoveBack() throws Exception {
    Proposing proposing = new Proposing(NONE.incl("7"));
    assertTrue(rebalance(new JournalGatedAllocation("Port", proposing, journal(CompletableFuture.completedFuture(false), new AtomicInteger()))).isEmpty());
    CompletableFuture<Boolean> failed = CompletableFuture.failedFuture(new IllegalStateException("ask timed out"));
    assertTrue(rebalance(new JournalGatedAllocation("Port", proposing, journal(failed, new AtomicInteger()))).isEmpty(), "a failed probe counts as not writable");
  }

  @Test
  void nothingToMoveAsksNothingOfTheJournal() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    assertTrue(rebalance(new JournalGatedAllocation("Port", new Proposing(NONE), journal(new CompletableFuture<>(), asked))).isEmpty());
    assertEquals(0, asked.get(), "a balanced cluster costs no journal write");
  }

  @Test
  void allocationIsNeverHeldBackAndTheDelegateIsStarted() throws Exception {
    Proposing proposing = new Proposing(NONE);
    AtomicInteger asked = new AtomicInteger();
    JournalGatedAllocation gated = new JournalGatedAllocation("Port", proposing, journal(CompletableFuture.completedFuture(false), asked));
    gated.start(null);
    assertEquals(1, proposing.starts, "Pekko's strategies follow the cluster only once started");
    ActorRef allocated = FutureConverters.asJava(gated.allocateShard(ActorRef.noSender(), "3", NO_ALLOCATIONS)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertSame(ActorRef.noSender(), allocated);
    assertFalse(asked.get() > 0, "a shard nobody hosts is allocated whatever the journal says");
  }
}
