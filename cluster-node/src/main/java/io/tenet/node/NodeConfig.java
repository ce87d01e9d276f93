package io.tenet.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tenet.switches.SwitchPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The node's settings, read once from {@code application.conf} with environment overrides. */
record NodeConfig(Config raw, Path home, String apiHost, int apiPort, String neutronHost, int neutronPort, Duration askTimeout, String cassandraMode,
                  List<String> contactPoints, int embeddedCqlPort, int embeddedStoragePort, SwitchPlane.Settings switches) {

  static NodeConfig load() {
    Config config = withListOverrides(ConfigFactory.load());
    Config tenet = config.getConfig("tenet");
    return new NodeConfig(config, Path.of(tenet.getString("home")), tenet.getString("api.host"), tenet.getInt("api.port"),
        tenet.getString("neutron.host"), tenet.getInt("neutron.port"), tenet.getDuration("api.ask-timeout"), tenet.getString("cassandra.mode"), tenet.getStringList("cassandra.contact-points"),
        tenet.getInt("cassandra.embedded-cql-port"), tenet.getInt("cassandra.embedded-storage-port"),
        new SwitchPlane.Settings(tenet.getString("switches.listen-host"), tenet.getInt("openflow.port"), tenet.getInt("ovsdb.port"),
            tenet.getStringList("switches.controller-targets"), tenet.getDuration("api.ask-timeout"), tenet.getDuration("switches.verify-interval")));
  }

  boolean embeddedCassandra() {
    return "embedded".equals(cassandraMode);
  }

  /** HOCON cannot split an environment variable into a list; seeds and contact points are comma separated. */
  private static Config withListOverrides(Config config) {
    String seeds = System.getenv("TENET_SEEDS");
    String contactPoints = System.getenv("TENET_CASSANDRA_CONTACT_POINTS");
    String openflowTargets = System.getenv("TENET_OPENFLOW_TARGETS");
    StringBuilder overrides = new StringBuilder();
    if (seeds != null && !seeds.isBlank()) overrides.append("pekko.cluster.seed-nodes = ").append(quoted(seeds)).append('\n');
    if (contactPoints != null && !contactPoints.isBlank()) overrides.append("tenet.cassandra.contact-points = ").append(quoted(contactPoints)).append('\n');
    if (openflowTargets != null && !openflowTargets.isBlank()) overrides.append("tenet.switches.controller-targets = ").append(quoted(openflowTargets)).append('\n');
    return ConfigFactory.parseString(overrides.toString()).withFallback(config).resolve();
  }

  private static String quoted(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> "\"" + s + "\"").collect(Collectors.joining(", ", "[", "]"));
  }
}
