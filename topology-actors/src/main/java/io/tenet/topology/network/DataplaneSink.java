package io.tenet.topology.network;

import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.SecurityGroupDataplane;
import java.util.function.BiConsumer;

/**
 * Where networks, routers and security groups send their data-plane views for one datapath. Called from inside the
 * entity after an event is persisted, so it must not block (tell, don't ask). Delivery is
 * at-most-once: a datapath that misses a view pulls it ({@link NetworkEntity.GetDataplane},
 * {@link io.tenet.topology.router.RouterEntity.GetDataplane}).
 */
public interface DataplaneSink {
  void publish(String datapathId, NetworkDataplane view);

  void publish(String datapathId, RouterDataplane view);

  void publish(String datapathId, SecurityGroupDataplane view);

  /** Publishes nowhere: for nodes and tests without datapaths. */
  static DataplaneSink none() {
    return of((datapathId, view) -> {}, (datapathId, view) -> {}, (datapathId, view) -> {});
  }

  static DataplaneSink of(BiConsumer<String, NetworkDataplane> networks, BiConsumer<String, RouterDataplane> routers,
      BiConsumer<String, SecurityGroupDataplane> groups) {
    return new DataplaneSink() {
      @Override
      public void publish(String datapathId, NetworkDataplane view) {
        networks.accept(datapathId, view);
      }

      @Override
      public void publish(String datapathId, RouterDataplane view) {
        routers.accept(datapathId, view);
      }

      @Override
      public void publish(String datapathId, SecurityGroupDataplane view) {
        groups.accept(datapathId, view);
      }
    };
  }
}
