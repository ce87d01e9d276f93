package io.tenet.bench;

import java.io.IOException;

/**
 * How a benchmark gets its {@link LocalStack}: each with a Cassandra of its own ({@link
 * #OWN_CASSANDRA}, as {@code deploy/bin/bench} runs them), or on one Cassandra shared by several
 * stacks in turn ({@link LocalStack#onSharedCassandra}, the smoke test).
 */
@FunctionalInterface
public interface StackFactory {
  StackFactory OWN_CASSANDRA = LocalStack::create;

  /** A new, not yet started stack of {@code nodeCount} nodes. */
  LocalStack create(int nodeCount) throws IOException;
}
