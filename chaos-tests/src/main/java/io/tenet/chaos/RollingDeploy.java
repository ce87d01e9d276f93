package io.tenet.chaos;

import io.tenet.bench.LocalNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code deploy/bin/tenet-rolling} over the chaos world's nodes: an inventory with one
 * {@code netns:} host per node, and {@code deploy/bin/tenet-node} as each host's service manager
 * (every node's home holds the tenet.env and node.pid it needs).
 */
final class RollingDeploy {
  private static final Pattern STOPPING = Pattern.compile("tenet-rolling: (\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (\\S+): stopping");
  private static final long TOOL_TIMEOUT_SECONDS = 600;

  /** What the tool did: when it stopped each node (in order), and how long it took in all. */
  record Run(Map<String, LocalTime> stoppedAt, double seconds, String output) {}

  private RollingDeploy() {}

  /** The inventory name of a node: its home directory's name, which is also how tenet-node finds its home. */
  static String nodeName(LocalNode node) {
    return node.home().getFileName().toString();
  }

  static Run restartAll(ChaosWorld world) throws IOException, InterruptedException {
    Path bin = repositoryRoot().resolve("deploy/bin");
    Path stackRoot = world.stack().node(0).home().getParent();
    StringBuilder inventory = new StringBuilder("# name host api\n");
    for (LocalNode node : world.stack().nodes()) {
      String host = node.host().namespace().map(ns -> "netns:" + ns).orElse("local");
      inventory.append(nodeName(node)).append(' ').append(host).append(' ').append(node.apiBase()).append('\n');
    }
    Path inventoryFile = stackRoot.resolve("inventory");
    Files.writeString(inventoryFile, inventory);
    String nodeControl = "TENET_HOME='" + stackRoot + "'/$TENET_NODE_NAME '" + bin.resolve("tenet-node") + "'";
    ProcessBuilder builder = new ProcessBuilder(bin.resolve("tenet-rolling").toString(), "--token", world.stack().adminToken(), inventoryFile.toString())
        .redirectErrorStream(true);
    builder.environment().put("TENET_ROLLING_STOP", nodeControl + " stop");
    builder.environment().put("TENET_ROLLING_START", nodeControl + " start");
    long begin = System.nanoTime();
    Process tool = builder.start();
    tool.getOutputStream().close();
    String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!tool.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      tool.destroyForcibly();
      throw new IllegalStateException("tenet-rolling did not finish in " + TOOL_TIMEOUT_SECONDS + " s:\n" + output);
    }
    System.out.print(output.lines().map(line -> "[chaos] " + line + "\n").reduce("", String::concat));
    if (tool.exitValue() != 0) throw new IllegalStateException("tenet-rolling exited " + tool.exitValue() + ":\n" + output);
    Map<String, LocalTime> stoppedAt = new LinkedHashMap<>();
    Matcher stopping = STOPPING.matcher(output);
    while (stopping.find()) stoppedAt.put(stopping.group(2), LocalTime.parse(stopping.group(1)));
    List<String> expected = world.stack().nodes().stream().map(RollingDeploy::nodeName).toList();
    if (!stoppedAt.keySet().equals(new java.util.LinkedHashSet<>(expected))) {
      throw new IllegalStateException("tenet-rolling did not stop every node once (" + stoppedAt.keySet() + "):\n" + output);
    }
    return new Run(stoppedAt, Math.round((System.nanoTime() - begin) / 1e7) / 100.0, output);
  }

  private static Path repositoryRoot() {
    String configured = System.getProperty("tenet.repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    if (!Files.isExecutable(root.resolve("deploy/bin/tenet-rolling"))) throw new IllegalStateException("no deploy/bin/tenet-rolling under " + root);
    return root;
  }
}
