package io.tenet.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's unmodified {@code openstack} command against a node's Neutron listener, with a Tenet
 * token ({@code --os-auth-type admin_token}). Each run is its own process, killed if it hangs.
 */
final class OpenStackCli {
  /** What one command did: its exit code, standard output and standard error. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nout: " + out + "\nerr: " + err;
    }
  }

  private final String endpoint;
  private final String token;

  OpenStackCli(String endpoint, String token) {
    this.endpoint = endpoint;
    this.token = token;
  }

  OpenStackCli as(String otherToken) {
    return new OpenStackCli(endpoint, otherToken);
  }

  /** Whether the command is installed (deploy/bin/test installs python3-openstackclient). */
  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/openstack"));
  }

  Run run(String... args) {
    List<String> command = new ArrayList<>(List.of("openstack", "--os-auth-type", "admin_token", "--os-token", token, "--os-endpoint", endpoint));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("openstack", ".out");
      Path err = Files.createTempFile("openstack", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException("openstack " + String.join(" ", args) + " did not finish in 90 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openstack could not be run (is python3-openstackclient installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
