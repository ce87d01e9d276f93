package io.tenet.node;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What the node's JVM must be started with, beyond heap sizes. The remembered entities of sharding
 * are kept in LMDB, whose Java binding reads a buffer's native address through {@code java.nio}
 * and {@code sun.nio.ch} internals; without the options the first write would kill the JVM, so a
 * node checks them before anything starts. Every launcher (deploy/bin, the systemd unit, the test harnesses)
 * passes these options.
 */
public final class NodeJvm {
  public static final List<String> REQUIRED_OPTIONS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private NodeJvm() {}

  /**
   * Pekko's Java asks answer with Scala's CompletableFuture, which runs every callback
   * (pipeToSelf's included) asynchronously on the common pool. On two cores that pool has a
   * parallelism of one, and the JDK then starts a new thread for each callback: hundreds a second
   * under load (bench fleet: 35,000 in two minutes). Two or more keeps it a pool. Must run before
   * anything touches the common pool, hence first in main.
   */
  static void keepTheCommonPoolAPool() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
  }

  static void requireOptions() {
    Module base = ByteBuffer.class.getModule();
    Module node = NodeJvm.class.getModule();
    if (!base.isOpen("java.nio", node) || !base.isOpen("sun.nio.ch", node)) {
      throw new IllegalStateException("start the node's JVM with " + String.join(" ", REQUIRED_OPTIONS)
          + " (sharding keeps its remembered entities in LMDB, which needs it)");
    }
  }
}
