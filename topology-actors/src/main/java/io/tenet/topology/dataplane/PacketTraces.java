package io.tenet.topology.dataplane;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * "Why did this packet go there?": the data plane walks a packet through the pipeline its
 * datapaths were compiled with, across the tunnel too. The management plane asks without
 * depending on the data plane. A datapath that cannot answer (not reporting, not reachable)
 * fails the stage with {@link TraceUnavailableException}.
 */
public interface PacketTraces {
  CompletionStage<TraceReport> trace(TraceRequest request);

  /** For nodes and tests without a data plane. */
  static PacketTraces none() {
    return request -> CompletableFuture.failedFuture(new TraceUnavailableException("this node has no data plane to trace in"));
  }
}
