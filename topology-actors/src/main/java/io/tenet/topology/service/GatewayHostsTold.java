package io.tenet.topology.service;

import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.pekko.Done;

/**
 * Telling a gateway's hosts: each host of the new gateway records that it carries it, each host
 * only of the old one that it no longer does (a router's or a layer-2 gateway alike). Waits for
 * every host; one that does not confirm in time makes the request retriable, not failed.
 */
final class GatewayHostsTold {
  private GatewayHostsTold() {}

  /** {@code record}: tells one datapath (by id) that it carries the gateway (true) or not (false); {@code what} names the gateway for the error. */
  static CompletionStage<Outcome<String>> tell(List<GatewayHost> before, List<GatewayHost> after, BiFunction<String, Boolean, CompletionStage<Done>> record,
      String what, String id) {
    Set<String> hosting = ids(after);
    Set<String> leaving = ids(before);
    leaving.removeAll(hosting);
    List<CompletableFuture<?>> told = new ArrayList<>();
    hosting.forEach(datapathId -> told.add(record.apply(datapathId, true).toCompletableFuture()));
    leaving.forEach(datapathId -> told.add(record.apply(datapathId, false).toCompletableFuture()));
    return CompletableFuture.allOf(told.toArray(CompletableFuture[]::new)).handle((done, failure) -> failure == null ? Outcome.ok(id)
        : Outcome.rejected(Problem.of(ProblemCode.STORAGE_UNAVAILABLE, what + " was recorded but not every gateway hypervisor ("
            + String.join(", ", hosting) + ") confirmed it in time; retry the same request")));
  }

  private static Set<String> ids(List<GatewayHost> hosts) {
    return hosts.stream().map(GatewayHost::datapathId).collect(Collectors.toCollection(TreeSet::new));
  }
}
