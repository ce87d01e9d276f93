package io.tenet.topology.service;

import io.tenet.topology.dataplane.GatewayHosts;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.GatewayHostRequest;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Which gateway hypervisors carry a gateway (a router's or a layer-2 one) on a physical network:
 * those an administrator named, with their priorities, or else up to {@link #HOSTS_PER_GATEWAY}
 * chosen by name. Either way each must host gateways and be linked to the physical network now;
 * the list comes highest priority first.
 */
final class GatewayHostChoice {
  /** How many hypervisors carry one gateway: one active, the others standing by in priority order. */
  static final int HOSTS_PER_GATEWAY = 3;

  private final GatewayHosts gatewayHosts;

  GatewayHostChoice(GatewayHosts gatewayHosts) {
    this.gatewayHosts = gatewayHosts;
  }

  /** The hypervisors linked to the physical network, up to {@link #HOSTS_PER_GATEWAY}, by name; the first has the highest priority. */
  CompletionStage<Outcome<List<GatewayHost>>> choose(String physicalNetwork, String field) {
    return gatewayHosts.candidates(physicalNetwork).thenApply(candidates -> {
      List<GatewayHost> ranked = candidates.stream().sorted(Comparator.comparing(GatewayHost::hostname).thenComparing(GatewayHost::datapathId))
          .limit(HOSTS_PER_GATEWAY).toList();
      if (ranked.isEmpty()) {
        return Outcome.rejected(new Problem(ProblemCode.NO_GATEWAY_HOST, "no hypervisor that may host gateways (tenet-gateway=true) is linked to physical network "
            + physicalNetwork + " (tenet-bridge-mappings) right now", field));
      }
      List<GatewayHost> prioritized = new ArrayList<>();
      for (int i = 0; i < ranked.size(); i++) {
        GatewayHost host = ranked.get(i);
        prioritized.add(new GatewayHost(host.datapathId(), host.hostname(), host.encapIp(), ranked.size() - i));
      }
      return Outcome.ok(List.copyOf(prioritized));
    });
  }

  /** The hosts an administrator named (validated), by priority. {@code field}: where the list was given, for the error. */
  CompletionStage<Outcome<List<GatewayHost>>> named(String physicalNetwork, List<GatewayHostRequest> named, String field) {
    return gatewayHosts.candidates(physicalNetwork).thenApply(candidates -> {
      List<GatewayHost> hosts = new ArrayList<>();
      for (int i = 0; i < named.size(); i++) {
        GatewayHostRequest wanted = named.get(i);
        GatewayHost found = candidates.stream().filter(c -> c.hostname().equals(wanted.hostname())).findFirst().orElse(null);
        if (found == null) {
          return Outcome.<List<GatewayHost>>rejected(new Problem(ProblemCode.NO_GATEWAY_HOST, "hypervisor " + wanted.hostname()
              + " may not host gateways on physical network " + physicalNetwork + " right now (tenet-gateway=true, tenet-bridge-mappings, connected)",
              field + "[" + i + "].hostname"));
        }
        hosts.add(new GatewayHost(found.datapathId(), found.hostname(), found.encapIp(), wanted.priority()));
      }
      hosts.sort(Comparator.comparingInt(GatewayHost::priority).reversed());
      return Outcome.ok(List.copyOf(hosts));
    });
  }
}
