package io.tenet.bench;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link LocalNode} runs: the address it binds every port to and, unless it shares the
 * test's own network, the namespace its JVM starts in (a separate machine on a test network).
 */
public record NodeHost(String address, Optional<String> namespace) {
  public static final NodeHost LOOPBACK = new NodeHost("127.0.0.1", Optional.empty());

  public static NodeHost inNamespace(String namespace, String address) {
    return new NodeHost(address, Optional.of(namespace));
  }

  /** What runs a command on this host: {@code ip netns exec <namespace>}, or nothing. */
  List<String> commandPrefix() {
    return namespace.map(ns -> List.of("ip", "netns", "exec", ns)).orElse(List.of());
  }
}
