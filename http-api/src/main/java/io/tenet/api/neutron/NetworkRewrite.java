package io.tenet.api.neutron;

import io.tenet.topology.Caller;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.service.NetworkService;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A change to one subnet, made as a new list of subnets for its network ({@link Rewrite}). */
final class NetworkRewrite {
  private NetworkRewrite() {}

  /** {@code change} gives the network's new subnet list from its current state, or throws {@link NeutronRefused}. */
  static CompletionStage<Outcome<NetworkView>> subnets(NetworkService networks, Caller caller, String networkId,
      Function<NetworkView, List<SubnetRequest>> change) {
    return Rewrite.of(() -> networks.get(caller, networkId), NetworkView::revision, change,
        (subnets, revision) -> networks.update(caller, networkId, new NetworkPatch(null, null, null, subnets), revision));
  }
}
