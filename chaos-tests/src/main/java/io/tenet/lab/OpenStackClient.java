package io.tenet.lab;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's unmodified {@code openstack} command (python3-openstackclient) against a node's Neutron
 * listener, authenticated with a Tenet token as an OpenStack admin token: how a cloud's own tools
 * drive the lab.
 */
public final class OpenStackClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** What one command did. */
  public record Run(int exit, String out, String err) {}

  private final URI endpoint;
  private final String token;

  public OpenStackClient(URI endpoint, String token) {
    this.endpoint = endpoint;
    this.token = token;
  }

  public Run run(String... args) {
    List<String> command = new ArrayList<>(List.of("openstack", "--os-auth-type", "admin_token", "--os-token", token, "--os-endpoint", endpoint.toString()));
    command.addAll(List.of(args));
    Command.Result result = Command.runAllowingFailure(command, Map.of(), null, TIMEOUT);
    return new Run(result.exitCode(), result.stdout(), result.stderr());
  }
}
