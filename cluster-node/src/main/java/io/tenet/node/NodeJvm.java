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

  private NodeJvm() {}

  static void requireOptions() {
    Module base = ByteBuffer.class.getModule();
    Module node = NodeJvm.class.getModule();
    if (!base.isOpen("java.nio", node) || !base.isOpen("sun.nio.ch", node)) {
      throw new IllegalStateException("start the node's JVM with " + String.join(" ", REQUIRED_OPTIONS)
          + " (sharding keeps its remembered entities in LMDB, which needs it)");
    }
  }
}
