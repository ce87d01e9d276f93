package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/lib/node-build.sh rebuilds the node before {@code tenet} and {@code tenet-dev} run,
 * here with a stand-in mvn in a scratch checkout.
 */
class NodeBuildScriptTest {
  private static final Path LIBRARY = Path.of(System.getProperty("tenet.repo.root", "..")).resolve("deploy/bin/lib/node-build.sh").toAbsolutePath().normalize();

  record Run(int exit, String stdout, String stderr) {}

  @Test
  void aRebuildPrintsNothingOnStandardOutput(@TempDir Path root) throws Exception {
    // without a built jar; this mvn talks on stdout as the real one does
    Run run = buildIfNeeded(root, "echo \"[INFO] building $*\"; touch \"$PWD/built\"");
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(Files.exists(root.resolve("built")), "the build ran: " + run.stderr());
    assertEquals("", run.stdout(), "`tenet ... -o json | jq` must read JSON, not build noise");
    assertTrue(run.stderr().contains("[INFO] building"), "the build's output went to stderr: " + run.stderr());
  }

  @Test
  void aBuildThatChangedNothingIsNotRepeated(@TempDir Path root) throws Exception {
    // mvn leaves an up-to-date jar untouched, older than the source that set off the check
    Path jar = Files.createDirectories(root.resolve("cluster-node/target")).resolve("tenet-cluster-node-0.1.0-SNAPSHOT.jar");
    Files.createDirectories(root.resolve("persistence/cassandra-server/target/lib"));
    Files.writeString(jar, "jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Files.writeString(root.resolve("Touched.java"), "class Touched {}");
    String countBuilds = "echo run >> \"$PWD/builds\"";
    assertEquals(0, buildIfNeeded(root, countBuilds).exit());
    assertEquals(0, buildIfNeeded(root, countBuilds).exit());
    assertEquals(1, Files.readAllLines(root.resolve("builds")).size(), "the second run found the jar up to date");
  }

  private static Run buildIfNeeded(Path root, String fakeMvn) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(root.resolve("fake-bin"));
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\n" + fakeMvn + "\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail; ROOT=\"$1\"; source \"$2\"; build_if_needed", "node-build",
        root.toString(), LIBRARY.toString()).directory(root.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("TENET_DEV_SKIP_BUILD");
    Process script = builder.start();
    String stdout = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(script.waitFor(30, TimeUnit.SECONDS), "the build step returned");
    return new Run(script.exitValue(), stdout, stderr);
  }
}
