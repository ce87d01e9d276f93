package io.tenet.switches.datapath;

import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.router.RouterEntity;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * Tells each network and each router which version of its view this datapath implements,
 * confirmed by barrier, and when it cannot confirm anything (switch gone, OpenFlow error). A
 * version is told once; after {@link #forget()} (anti-entropy, lost connection) everything is told
 * again, so an entity that restarted relearns it. Owned by the datapath's entity; not thread-safe.
 */
final class RealizationReporter {
  private final String datapathId;
  private final Function<String, RecipientRef<NetworkEntity.Command>> networks;
  private final Function<String, RecipientRef<RouterEntity.Command>> routers;
  private final Map<String, Long> told = new HashMap<>();
  private final Map<String, Long> toldRouters = new HashMap<>();

  RealizationReporter(String datapathId, Function<String, RecipientRef<NetworkEntity.Command>> networks,
      Function<String, RecipientRef<RouterEntity.Command>> routers) {
    this.datapathId = datapathId;
    this.networks = networks;
    this.routers = routers;
  }

  /** The switch holds exactly what these routers' views compile to. */
  void confirmedRouters(String hostname, Collection<RouterDataplane> views, Instant at) {
    for (RouterDataplane view : views) {
      if (Objects.equals(toldRouters.get(view.routerId()), view.version())) continue;
      toldRouters.put(view.routerId(), view.version());
      routers.apply(view.routerId()).tell(new RouterEntity.ConfirmDataplane(datapathId, hostname, view.version(), at));
    }
  }

  /** Nothing can be confirmed for {@code routerIds} until the switch is reconciled again. */
  void troubledRouters(String hostname, Collection<String> routerIds, DataplaneTrouble trouble) {
    for (String routerId : routerIds) {
      toldRouters.remove(routerId);
      routers.apply(routerId).tell(new RouterEntity.ReportDataplaneTrouble(datapathId, hostname, trouble));
    }
  }

  /** The switch holds exactly what these views compile to. */
  void confirmed(String hostname, Collection<NetworkDataplane> views, Instant at) {
    for (NetworkDataplane view : views) {
      if (Objects.equals(told.get(view.networkId()), view.version())) continue;
      told.put(view.networkId(), view.version());
      networks.apply(view.networkId()).tell(new NetworkEntity.ConfirmDataplane(datapathId, hostname, view.version(), at));
    }
  }

  /** Nothing can be confirmed for {@code networkIds} until the switch is reconciled again. */
  void troubled(String hostname, Collection<String> networkIds, DataplaneTrouble trouble) {
    for (String networkId : networkIds) {
      told.remove(networkId);
      networks.apply(networkId).tell(new NetworkEntity.ReportDataplaneTrouble(datapathId, hostname, trouble));
    }
  }

  /** The next confirmation tells every network again. */
  void forget() {
    told.clear();
    toldRouters.clear();
  }
}
