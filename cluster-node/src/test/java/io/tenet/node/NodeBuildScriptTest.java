package io.tenet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/lib/node-build.sh rebuilds the node before {@code tenet} runs; whatever the build
 * prints must go to stderr, or {@code tenet ... -o json | jq} reads build noise instead of JSON.
 */
class NodeBuildScriptTest {
  private static final Path LIBRARY = Path.of(System.getProperty("tenet.repo.root", "..")).resolve("deploy/bin/lib/node-build.sh").toAbsolutePath().normalize();

  @Test
  void aRebuildPrintsNothingOnStandardOutput(@TempDir Path root) throws Exception {
    // a checkout without a built jar, and an mvn that talks on stdout as the real one does
    Path bin = Files.createDirectories(root.resolve("fake-bin"));
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\necho \"[INFO] building $*\"\ntouch \"$PWD/built\"\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail; ROOT=\"$1\"; source \"$2\"; build_if_needed", "node-build", root.toString(), LIBRARY.toString())
        .directory(root.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("TENET_DEV_SKIP_BUILD");
    Process script = builder.start();
    String stdout = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(script.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, script.exitValue(), stderr);
    assertTrue(Files.exists(root.resolve("built")), "the build ran: " + stderr);
    assertEquals("", stdout, "nothing on stdout");
    assertTrue(stderr.contains("[INFO] building"), "the build's output went to stderr: " + stderr);
  }
}
