package io.tenet.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A benchmark stopped with SIGTERM (Ctrl-C, a timeout) still stops what its stack started: its nodes, Cassandra, its directory. */
class LocalStackExitTest {
  /** Holds a stack (not started: nothing to wait for) until terminated; prints the stack's directory. */
  public static final class HoldStack {
    public static void main(String[] args) throws Exception {
      LocalStack stack = LocalStack.create();
      System.out.println(stack.nodeLog().getParent().getParent());
      System.out.flush();
      Thread.sleep(60_000);
      stack.close();
    }
  }

  @Test
  void terminatingTheJvmClosesTheStack() throws Exception {
    Process held = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        HoldStack.class.getName()).redirectErrorStream(true).start();
    try {
      Path root = Path.of(new BufferedReader(new InputStreamReader(held.getInputStream())).readLine());
      assertTrue(Files.isDirectory(root), root.toString());
      held.destroy(); // SIGTERM
      assertTrue(held.waitFor(30, TimeUnit.SECONDS), "the JVM ends");
      assertFalse(Files.exists(root), "the stack's directory is deleted on the way out: " + root);
    } finally {
      held.destroyForcibly();
    }
  }
}
