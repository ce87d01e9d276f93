package io.tenet.topology.dataplane;

import io.tenet.topology.model.GatewayHost;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** Where routers' external gateways and networks' layer-2 gateways can run, and how a chosen hypervisor learns it carries one: asked of the data plane without depending on it. */
public interface GatewayHosts {
  /** Hypervisors that may host gateways and whose br-int is linked to {@code physicalNetwork} now (priority 0: the caller ranks them). */
  CompletionStage<List<GatewayHost>> candidates(String physicalNetwork);

  /** Tells the datapath it carries (or no longer carries) the router's gateway; completes once the datapath recorded it. */
  CompletionStage<Done> host(String datapathId, String routerId, boolean hosting);

  /** Tells the datapath it carries (or no longer carries) the network's layer-2 gateway; completes once the datapath recorded it. */
  CompletionStage<Done> bridge(String datapathId, String networkId, boolean hosting);

  /** For nodes and tests without a data plane: no hypervisor can host a gateway. */
  static GatewayHosts none() {
    return new GatewayHosts() {
      @Override
      public CompletionStage<List<GatewayHost>> candidates(String physicalNetwork) {
        return CompletableFuture.completedFuture(List.of());
      }

      @Override
      public CompletionStage<Done> host(String datapathId, String routerId, boolean hosting) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }

      @Override
      public CompletionStage<Done> bridge(String datapathId, String networkId, boolean hosting) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
    };
  }
}
