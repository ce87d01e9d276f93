package io.tenet.topology.validation;

import io.tenet.topology.Caller;
import io.tenet.topology.model.GatewayHostRequest;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway hosts an administrator names for a router's gateway or a layer-2 gateway: only an administrator names
 * them; one to {@link #MAX_HOSTS}, each a hostname once, with a priority from 1 to 255, no two alike
 * (the order must be unambiguous: exactly one host is active).
 */
public final class GatewayHostsValidation {
  public static final int MAX_HOSTS = 5;
  static final String FIELD = "external_gateway.hosts";

  private GatewayHostsValidation() {}

  /** A router gateway's hosts; null hosts: nothing asked, nothing to check. */
  public static Outcome<List<GatewayHostRequest>> validate(Caller caller, List<GatewayHostRequest> hosts) {
    return validate(caller, hosts, FIELD);
  }

  /** The same for any gateway's hosts, given as {@code listField}. */
  public static Outcome<List<GatewayHostRequest>> validate(Caller caller, List<GatewayHostRequest> hosts, String listField) {
    if (hosts == null) return Outcome.ok(null);
    if (!caller.admin()) return Outcome.rejected(new Problem(ProblemCode.ADMIN_ONLY, "only an administrator chooses a gateway's hypervisors", listField));
    if (hosts.isEmpty() || hosts.size() > MAX_HOSTS) {
      return Outcome.rejected(Problem.invalid(listField, "name 1 to " + MAX_HOSTS + " gateway hypervisors, not " + hosts.size()));
    }
    Set<String> names = new HashSet<>();
    Set<Integer> priorities = new HashSet<>();
    for (int i = 0; i < hosts.size(); i++) {
      GatewayHostRequest host = hosts.get(i);
      String field = listField + "[" + i + "]";
      if (host == null || host.hostname() == null || host.hostname().isBlank()) return Outcome.rejected(Problem.invalid(field + ".hostname", "a hostname is required"));
      if (host.priority() == null || host.priority() < 1 || host.priority() > 255) {
        return Outcome.rejected(Problem.invalid(field + ".priority", "a priority from 1 to 255 is required"));
      }
      if (!names.add(host.hostname())) return Outcome.rejected(Problem.invalid(field + ".hostname", host.hostname() + " is named twice"));
      if (!priorities.add(host.priority())) {
        return Outcome.rejected(Problem.invalid(field + ".priority", "priority " + host.priority() + " is given twice: exactly one host may be first"));
      }
    }
    return Outcome.ok(hosts);
  }
}
