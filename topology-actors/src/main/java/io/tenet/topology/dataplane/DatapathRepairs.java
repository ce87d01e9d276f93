package io.tenet.topology.dataplane;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Forced diff-and-repair of a scope, without a restart: the datapath reads its tables from the
 * switch, compares them with what it compiles and sends only the difference within the scope.
 */
public interface DatapathRepairs {
  /** Empty if no such datapath is known. */
  CompletionStage<Optional<RepairReport>> repairDatapath(String datapathId);

  /** Every known datapath that serves the network repairs that network's flows and groups only. */
  CompletionStage<List<RepairReport>> repairNetwork(String networkId);

  /** For nodes and tests without a data plane: no datapath to repair. */
  static DatapathRepairs none() {
    return new DatapathRepairs() {
      @Override
      public CompletionStage<Optional<RepairReport>> repairDatapath(String datapathId) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
      }

      @Override
      public CompletionStage<List<RepairReport>> repairNetwork(String networkId) {
        return java.util.concurrent.CompletableFuture.completedFuture(List.of());
      }
    };
  }
}
