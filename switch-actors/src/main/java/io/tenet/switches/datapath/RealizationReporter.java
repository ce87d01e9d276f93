package io.tenet.switches.datapath;

import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * Tells each network, router and security group this datapath implements which version of its
 * view the switch holds, confirmed by barrier, and when it cannot confirm anything (switch gone,
 * OpenFlow error). A version is told once; after {@link #forget()} (anti-entropy, lost connection)
 * everything is told again, so an entity that restarted relearns it. Owned by the datapath's
 * entity; not thread-safe.
 */
final class RealizationReporter {
  /** How an entity kind takes a confirmation. */
  @FunctionalInterface
  interface Confirmation<C> {
    C of(String datapathId, String hostname, long version, Instant at);
  }

  /** How an entity kind takes a trouble report. */
  @FunctionalInterface
  interface TroubleReport<C> {
    C of(String datapathId, String hostname, DataplaneTrouble trouble);
  }

  /** One kind of entity: the version each was last told, and how to tell it. */
  private static final class Told<C> {
    private final Map<String, Long> versions = new HashMap<>();
    private final Function<String, RecipientRef<C>> entities;
    private final Confirmation<C> confirmation;
    private final TroubleReport<C> trouble;

    Told(Function<String, RecipientRef<C>> entities, Confirmation<C> confirmation, TroubleReport<C> trouble) {
      this.entities = entities;
      this.confirmation = confirmation;
      this.trouble = trouble;
    }

    void confirmed(String datapathId, String hostname, String id, long version, Instant at) {
      if (Objects.equals(versions.get(id), version)) return;
      versions.put(id, version);
      entities.apply(id).tell(confirmation.of(datapathId, hostname, version, at));
    }

    void troubled(String datapathId, String hostname, String id, DataplaneTrouble report) {
      versions.remove(id);
      entities.apply(id).tell(trouble.of(datapathId, hostname, report));
    }
  }

  private final String datapathId;
  private final Told<NetworkEntity.Command> networks;
  private final Told<RouterEntity.Command> routers;
  private final Told<SecurityGroupEntity.Command> groups;
  // the knowledge whose every view was last told: confirming it again tells nothing (a datapath of 100 tenants walked 200 views per batch)
  private DatapathKnowledge told;

  RealizationReporter(String datapathId, Function<String, RecipientRef<NetworkEntity.Command>> networks,
      Function<String, RecipientRef<RouterEntity.Command>> routers, Function<String, RecipientRef<SecurityGroupEntity.Command>> groups) {
    this.datapathId = datapathId;
    this.networks = new Told<>(networks, NetworkEntity.ConfirmDataplane::new, NetworkEntity.ReportDataplaneTrouble::new);
    this.routers = new Told<>(routers, RouterEntity.ConfirmDataplane::new, RouterEntity.ReportDataplaneTrouble::new);
    this.groups = new Told<>(groups, SecurityGroupEntity.ConfirmDataplane::new, SecurityGroupEntity.ReportDataplaneTrouble::new);
  }

  /** The switch holds exactly what the views this datapath knows compile to. */
  void confirmed(String hostname, DatapathKnowledge knowledge, Instant at) {
    if (knowledge == told) return;
    for (NetworkDataplane view : knowledge.networks().values()) networks.confirmed(datapathId, hostname, view.networkId(), view.version(), at);
    for (RouterDataplane view : knowledge.existingRouters()) routers.confirmed(datapathId, hostname, view.routerId(), view.version(), at);
    for (SecurityGroupDataplane view : knowledge.existingGroups()) groups.confirmed(datapathId, hostname, view.groupId(), view.version(), at);
    told = knowledge;
  }

  /** Nothing this datapath implements can be confirmed until the switch is reconciled again. */
  void troubled(String hostname, DatapathKnowledge knowledge, DataplaneTrouble trouble) {
    told = null;
    for (String networkId : knowledge.servedNetworks()) networks.troubled(datapathId, hostname, networkId, trouble);
    for (RouterDataplane view : knowledge.existingRouters()) routers.troubled(datapathId, hostname, view.routerId(), trouble);
    for (SecurityGroupDataplane view : knowledge.existingGroups()) groups.troubled(datapathId, hostname, view.groupId(), trouble);
  }

  /** The next confirmation tells every entity again. */
  void forget() {
    told = null;
    networks.versions.clear();
    routers.versions.clear();
    groups.versions.clear();
  }
}
