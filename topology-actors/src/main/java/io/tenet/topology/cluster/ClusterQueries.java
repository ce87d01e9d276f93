package io.tenet.topology.cluster;

import java.util.concurrent.CompletionStage;

/** What the management plane may ask about the controller cluster. */
public interface ClusterQueries {
  /** Always completes: members whose shard regions do not answer have null counts. */
  CompletionStage<ClusterStatus> status();
}
