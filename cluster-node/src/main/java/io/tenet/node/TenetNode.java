package io.tenet.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.tenet.api.ApiServer;
import io.tenet.api.neutron.NeutronApi;
import io.tenet.persistence.cassandra.LocalCassandra;
import io.tenet.persistence.cassandra.LocalCassandraSettings;
import io.tenet.switches.SwitchPlane;
import io.tenet.switches.datapath.DatapathGatewayHosts;
import io.tenet.switches.dhcp.DhcpService;
import io.tenet.topology.Topology;
import io.tenet.topology.cluster.MinorityStepDown;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller node: optionally its own local Cassandra, the actor system joined to the
 * cluster, the topology entities, the switch listeners with the datapath entities, the HTTP API
 * and the management endpoint.
 */
public final class TenetNode {
  private static final Logger log = LoggerFactory.getLogger(TenetNode.class);

  private TenetNode() {}

  public static void main(String[] args) throws Exception {
    NodeJvm.keepTheCommonPoolAPool();
    NodeJvm.requireOptions();
    NodeConfig node = NodeConfig.load();
    LocalCassandra cassandra = null;
    List<String> contactPoints = node.contactPoints();
    if (node.embeddedCassandra()) {
      LocalCassandraSettings settings = LocalCassandraSettings.defaults(node.home().resolve("cassandra"))
          .withPorts(node.embeddedCqlPort(), node.embeddedStoragePort(), LocalCassandraSettings.JMX_DISABLED);
      log.info("starting local Cassandra under {}", settings.home());
      cassandra = LocalCassandra.startOrAdopt(settings);
      log.info("local Cassandra {} (pid {}) answers on {}:{}", cassandra.adopted() ? "adopted" : "started", cassandra.pid(), cassandra.host(), cassandra.cqlPort());
      contactPoints = List.of(cassandra.host() + ":" + cassandra.cqlPort());
    }
    String adminToken = AdminToken.resolve(node.home());
    Config config = ConfigFactory.empty()
        .withValue("datastax-java-driver.basic.contact-points", ConfigValueFactory.fromIterable(contactPoints))
        .withFallback(node.raw());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tenet", config);
    LocalCassandra ownedCassandra = cassandra;
    if (ownedCassandra != null) {
      // The last phase before the actor system stops: shards have handed off and every journal
      // write has been answered, so Cassandra can go without losing anything acknowledged.
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "stop-local-cassandra",
          () -> CompletableFuture.supplyAsync(() -> {
            log.info("stopping local Cassandra (pid {})", ownedCassandra.pid());
            ownedCassandra.stop();
            return Done.getInstance();
          }));
    }
    try {
      serve(system, config, node, adminToken);
    } catch (Exception startFailure) {
      // A node that cannot serve must not linger half-started (holding its ports).
      log.error("node failed to start; shutting down", startFailure);
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      System.exit(1);
    }
    system.getWhenTerminated().toCompletableFuture().get();
  }

  private static void serve(ActorSystem<Void> system, Config config, NodeConfig node, String adminToken) throws Exception {
    Cluster cluster = Cluster.get(system);
    if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) cluster.manager().tell(Join.create(cluster.selfMember().address()));
    if (MinorityStepDown.appliesTo(config)) system.systemActorOf(MinorityStepDown.create(), "minority-step-down", Props.empty());
    Topology topology = Topology.start(system, node.askTimeout(), SwitchPlane.sink(system), new DatapathGatewayHosts(system, node.askTimeout()));
    SwitchPlane switches = SwitchPlane.start(system, topology.entities(), node.switches(), new DhcpService());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-switch-listeners", () -> CompletableFuture.supplyAsync(() -> {
      switches.close();
      return Done.getInstance();
    }));
    log.info("switch listeners: OpenFlow on {}:{}, OVSDB on {}:{}", node.switches().listenHost(), switches.openflowPort(),
        node.switches().listenHost(), switches.ovsdbPort());
    PekkoManagement.get(system).start();
    ServerBinding binding = ApiServer.bind(system, topology, switches, switches, switches, adminToken, node.apiHost(), node.apiPort()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "unbind-api",
        () -> binding.unbind().thenApply(done -> Done.getInstance()));
    log.info("Tenet API listening on http://{}:{}/v1 (admin token in {})", node.apiHost(), node.apiPort(), node.home().resolve("admin-token"));
    ServerBinding neutron = NeutronApi.bind(system, topology, switches, adminToken, node.neutronHost(), node.neutronPort()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "unbind-neutron-api",
        () -> neutron.unbind().thenApply(done -> Done.getInstance()));
    log.info("Neutron v2.0 API listening on http://{}:{}/", node.neutronHost(), neutron.localAddress().getPort());
    System.out.println("TENET READY api=http://" + node.apiHost() + ":" + binding.localAddress().getPort() + "/v1 neutron=http://" + node.neutronHost() + ":"
        + neutron.localAddress().getPort() + " home=" + node.home());
  }

}
