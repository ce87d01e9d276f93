package io.tenet.topology.health;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Whether the journal confirms a write now: a {@link WriteProbe} event persisted within a few
 * seconds. An answer (or a question still in flight) is reused for a second, so that the shard
 * coordinators of every entity type, which rebalance on the same tick, cost one write between them.
 */
public final class JournalWriteCheck implements Supplier<CompletionStage<Boolean>> {
  private static final Duration REUSE = Duration.ofSeconds(1);
  /** How long the probe's write may take before the journal counts as not writable. */
  public static final Duration TIMEOUT = Duration.ofSeconds(3);

  private record Answer(long askedAtNanos, CompletionStage<Boolean> writable) {}

  private final Supplier<EntityRef<WriteProbe.Command>> probe;
  private final AtomicReference<Answer> last = new AtomicReference<>();

  /** {@code probe}: looked up on each question, since the check is made before sharding knows the probe's type. */
  public JournalWriteCheck(Supplier<EntityRef<WriteProbe.Command>> probe) {
    this.probe = probe;
  }

  /** Never fails: an unanswered or refused probe is false. */
  @Override
  public CompletionStage<Boolean> get() {
    long now = System.nanoTime();
    Answer previous = last.get();
    if (previous != null && now - previous.askedAtNanos() < REUSE.toNanos()) return previous.writable();
    CompletionStage<Boolean> asked = probe.get().ask(WriteProbe.Probe::new, TIMEOUT).handle((probed, failure) -> failure == null);
    last.set(new Answer(now, asked));
    return asked;
  }
}
