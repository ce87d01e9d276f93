package io.tenet.topology.network;

import io.tenet.topology.model.NetworkDataplane;

/**
 * Where a network sends its data-plane view for one datapath. Called from inside the network
 * entity after an event is persisted, so it must not block (tell, don't ask). Delivery is
 * at-most-once: a datapath that misses a view pulls it with {@link NetworkEntity.GetDataplane}.
 */
@FunctionalInterface
public interface DataplaneSink {
  void publish(String datapathId, NetworkDataplane view);

  /** Publishes nowhere: for nodes and tests without datapaths. */
  static DataplaneSink none() {
    return (datapathId, view) -> {};
  }
}
