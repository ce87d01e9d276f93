package io.tenet.topology;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ActorSystemDependentAllocationStrategy;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ShardAllocationStrategy;
import org.apache.pekko.cluster.sharding.ShardCoordinator.StartableAllocationStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Set;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Pekko's shard allocation, except that a rebalance waits while the journal cannot be written.
 *
 * <p>A rebalanced shard stops its live entities and starts them on another node, where they must
 * recover from the journal. With Cassandra down, that recovery fails: objects that were answering
 * from memory stop answering (and a moved tenant stops every request of that tenant, whose token
 * it checks) until Cassandra is back. Rebalancing is only about spreading load, so it can wait:
 * before moving anything, the coordinator asks the journal to confirm a write, and proposes no
 * moves if it does not. Allocating a shard nobody hosts (a new one, or a lost node's) is never held
 * back: without it those entities could not answer at all.
 */
public final class JournalGatedAllocation implements ActorSystemDependentAllocationStrategy {
  private static final Logger log = LoggerFactory.getLogger(JournalGatedAllocation.class);
  @SuppressWarnings("unchecked")
  private static final Set<String> NO_SHARDS = (Set<String>) (Set<?>) scala.collection.immutable.Set$.MODULE$.empty();
  private final String entityType;
  private final ShardAllocationStrategy delegate;
  private final Supplier<CompletionStage<Boolean>> journalWritable;

  /**
   * {@code journalWritable}: completes with true only if the journal confirmed a write just now
   * (false, or a failed stage, holds the rebalance back).
   */
  public JournalGatedAllocation(String entityType, ShardAllocationStrategy delegate, Supplier<CompletionStage<Boolean>> journalWritable) {
    this.entityType = entityType;
    this.delegate = delegate;
    this.journalWritable = journalWritable;
  }

  /** The coordinator starts its strategy; Pekko's own ones need that to follow cluster membership. */
  @Override
  public void start(ActorSystem system) {
    if (delegate instanceof StartableAllocationStrategy startable) startable.start();
    else if (delegate instanceof ActorSystemDependentAllocationStrategy dependent) dependent.start(system);
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
    return delegate.allocateShard(requester, shardId, currentShardAllocations);
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> currentShardAllocations, Set<String> rebalanceInProgress) {
    CompletionStage<Set<String>> gated = FutureConverters.asJava(delegate.rebalance(currentShardAllocations, rebalanceInProgress))
        .thenCompose(proposed -> proposed.isEmpty() ? CompletableFuture.completedFuture(proposed) : journalWritable.get()
            .exceptionally(failure -> false)
            .thenApply(writable -> {
              if (writable) return proposed;
              log.warn("{}: rebalance of shards {} held back: the journal did not confirm a write, and their entities could not recover on another node",
                  entityType, proposed.mkString(", "));
              return NO_SHARDS;
            }));
    return FutureConverters.asScala(gated);
  }
}
