package io.tenet.persistence.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tenet.persistence.cassandra.LocalCassandra;
import io.tenet.persistence.cassandra.LocalCassandraSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Cassandra per test JVM, started on first use with free ports and a temporary home, killed and deleted
 * when the JVM exits.
 *
 * <pre>{@code
 * Config config = SharedCassandra.pekkoConfig().withFallback(ConfigFactory.load());
 * }</pre>
 *
 * A test JVM that dies without running shutdown hooks leaves its Cassandra behind; the next test JVM on the
 * machine that uses this class kills it and deletes its home.
 */
public final class SharedCassandra {

    private static final String HOME_PREFIX = "tenet-test-cassandra-";
    private static final String OWNER_FILE = "owner.pid";
    private static final int START_ATTEMPTS = 2; // a free port can be taken between probing and binding

    private static LocalCassandra instance;
    private static RuntimeException failure;

    private SharedCassandra() {
    }

    /** The shared instance, started on the first call. */
    public static synchronized LocalCassandra instance() {
        if (instance == null) {
            if (failure != null) {
                // do not try again for every test class: one failed start is slow enough
                throw new IllegalStateException("shared Cassandra failed to start earlier", failure);
            }
            try {
                instance = startShared();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    public static String host() {
        return instance().host();
    }

    public static int cqlPort() {
        return instance().cqlPort();
    }

    public static InetSocketAddress contactPoint() {
        return instance().contactPoint();
    }

    /** The local data center to give a driver session. */
    public static String datacenter() {
        return LocalCassandra.DATACENTER;
    }

    /**
     * HOCON pointing the Cassandra driver and pekko-persistence-cassandra (1.1.x) at the shared instance and
     * letting the journal and snapshot store create their keyspaces and tables. It does not select the plugins
     * ({@code pekko.persistence.journal.plugin}); that is the application's configuration.
     */
    public static String pekkoConfigHocon() {
        return """
                datastax-java-driver {
                  basic.contact-points = ["%s:%d"]
                  basic.load-balancing-policy.local-datacenter = "%s"
                  # the default 2 s is tight for the plugin's CREATE KEYSPACE/TABLE on a busy 2-core CI machine
                  basic.request.timeout = 10s
                }
                pekko.persistence.journal.plugin = "pekko.persistence.cassandra.journal"
                pekko.persistence.snapshot-store.plugin = "pekko.persistence.cassandra.snapshot"
                pekko.persistence.cassandra {
                  journal.keyspace-autocreate = on
                  journal.tables-autocreate = on
                  snapshot.keyspace-autocreate = on
                  snapshot.tables-autocreate = on
                }
                """.formatted(host(), cqlPort(), LocalCassandra.DATACENTER);
    }

    /** {@link #pekkoConfigHocon()} parsed; put it in front: {@code pekkoConfig().withFallback(yourConfig)}. */
    public static Config pekkoConfig() {
        return ConfigFactory.parseString(pekkoConfigHocon());
    }

    private static LocalCassandra startShared() {
        reapOrphans();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path home = createHome();
            try {
                int[] ports = FreePorts.take(2);
                LocalCassandraSettings settings = LocalCassandraSettings.defaults(home)
                        .withPorts(ports[0], ports[1], LocalCassandraSettings.JMX_DISABLED);
                LocalCassandra cassandra = LocalCassandra.start(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        // the data is thrown away, so no graceful drain (saves ~5 s per test JVM)
                        cassandra.kill();
                    } finally {
                        deleteRecursively(home);
                    }
                }, "shared-cassandra-shutdown"));
                return cassandra;
            } catch (RuntimeException e) {
                deleteRecursively(home);
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw last;
    }

    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory(HOME_PREFIX);
            Files.writeString(home.resolve(OWNER_FILE), ProcessHandle.current().pid() + "\n");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills Cassandras (and deletes homes) left by test JVMs that are gone. */
    private static void reapOrphans() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(tmp, HOME_PREFIX + "*")) {
            for (Path home : homes) {
                if (ownerAlive(home)) {
                    continue;
                }
                LocalCassandra.findRunning(LocalCassandraSettings.defaults(home)).ifPresent(orphan -> {
                    orphan.destroyForcibly();
                    orphan.onExit().join();
                });
                deleteRecursively(home);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("SharedCassandra: could not clean up old test Cassandras: " + e);
        }
    }

    private static boolean ownerAlive(Path home) {
        try {
            long owner = Long.parseLong(Files.readString(home.resolve(OWNER_FILE)).strip());
            return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("SharedCassandra: could not delete " + dir + ": " + e);
        }
    }
}
