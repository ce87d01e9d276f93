package io.tenet.switches.datapath;

import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.realization.DataplaneTrouble;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * Tells each network which version of its view this datapath implements, confirmed by barrier,
 * and when it cannot confirm anything (switch gone, OpenFlow error). A version is told once; after
 * {@link #forget()} (anti-entropy, lost connection) everything is told again, so a network whose
 * entity restarted relearns it. Owned by the datapath's entity; not thread-safe.
 */
final class RealizationReporter {
  private final String datapathId;
  private final Function<String, RecipientRef<NetworkEntity.Command>> networks;
  private final Map<String, Long> told = new HashMap<>();

  RealizationReporter(String datapathId, Function<String, RecipientRef<NetworkEntity.Command>> networks) {
    this.datapathId = datapathId;
    this.networks = networks;
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
  }
}
