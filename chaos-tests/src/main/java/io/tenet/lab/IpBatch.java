package io.tenet.lab;

import java.util.List;
import java.util.Map;

/** Several iproute2 commands in one {@code ip -batch -} process: lab start spawns far fewer processes. */
final class IpBatch {
  private IpBatch() {
  }

  /** @param namespace null for the root namespace */
  static void run(String namespace, List<String> commands) {
    List<String> command = namespace == null ? List.of("ip", "-batch", "-") : List.of("ip", "-n", namespace, "-batch", "-");
    try {
      Command.run(command, Map.of(), String.join("\n", commands) + "\n", Command.DEFAULT_TIMEOUT);
    } catch (CommandFailedException e) {
      // the batch's own message only says "Command failed -:N": name the commands
      throw new CommandFailedException(List.of(String.join(" ", command), "<<", String.join("; ", commands)), e.exitCode(), e.stdout(), e.stderr());
    }
  }
}
