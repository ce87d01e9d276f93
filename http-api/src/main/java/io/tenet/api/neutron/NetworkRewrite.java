package io.tenet.api.neutron;

import io.tenet.topology.Caller;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.service.NetworkService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A change to one subnet, made the only way Tenet keeps subnets: as a new list for their network.
 * The list is read, changed and written back against the revision it was read at; when another
 * change came in between, the network refuses and the rewrite starts again from what is there now,
 * so a concurrent change is never overwritten.
 */
final class NetworkRewrite {
  static final int ATTEMPTS = 8;

  private NetworkRewrite() {}

  /** {@code change} gives the network's new subnet list from its current state, or throws {@link NeutronRefused}. */
  static CompletionStage<Outcome<NetworkView>> subnets(NetworkService networks, Caller caller, String networkId,
      Function<NetworkView, List<SubnetRequest>> change) {
    return attempt(networks, caller, networkId, change, ATTEMPTS);
  }

  private static CompletionStage<Outcome<NetworkView>> attempt(NetworkService networks, Caller caller, String networkId,
      Function<NetworkView, List<SubnetRequest>> change, int left) {
    return networks.get(caller, networkId).thenCompose(read -> {
      if (!(read instanceof Outcome.Ok<NetworkView> ok)) return CompletableFuture.completedFuture(read);
      NetworkView current = ok.value();
      List<SubnetRequest> subnets;
      try {
        subnets = change.apply(current);
      } catch (NeutronRefused refused) {
        return CompletableFuture.failedFuture(refused);
      }
      return networks.update(caller, networkId, new NetworkPatch(null, null, null, subnets), current.revision()).thenCompose(written -> {
        boolean raced = written instanceof Outcome.Rejected<NetworkView> refused && refused.problem().code() == ProblemCode.REVISION_MISMATCH;
        return raced && left > 1 ? attempt(networks, caller, networkId, change, left - 1) : CompletableFuture.completedFuture(written);
      });
    });
  }
}
