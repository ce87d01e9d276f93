package io.tenet.topology.dataplane;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the management plane may ask of the data plane, without depending on it. */
public interface DatapathQueries {
  CompletionStage<List<DatapathStatus>> list();

  CompletionStage<Optional<DatapathStatus>> get(String datapathId);

  /** For nodes and tests without a data plane. */
  static DatapathQueries none() {
    return new DatapathQueries() {
      @Override
      public CompletionStage<List<DatapathStatus>> list() {
        return java.util.concurrent.CompletableFuture.completedFuture(List.of());
      }

      @Override
      public CompletionStage<Optional<DatapathStatus>> get(String datapathId) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
      }
    };
  }
}
