package io.tenet.persistence.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a {@link LocalCassandra} runs. Everything the process writes lives under {@code home}.
 *
 * @param home         root of data, commitlog, hints, saved_caches, cdc_raw, logs, conf, tmp and the pid file
 * @param libDir       directory holding cassandra-all and its runtime jars
 * @param listenHost   address for CQL and internode traffic
 * @param cqlPort      CQL native transport port
 * @param storagePort  internode (gossip/storage) port
 * @param jmxPort      local-only JMX port, or {@link #JMX_DISABLED} (Cassandra 5.0 starts no JMX server then)
 * @param heapMin      -Xms value, e.g. "256m"
 * @param heapMax      -Xmx value, e.g. "512m"
 * @param startTimeout how long {@code start} waits for CQL to answer
 */
public record LocalCassandraSettings(
        Path home,
        Path libDir,
        String listenHost,
        int cqlPort,
        int storagePort,
        int jmxPort,
        String heapMin,
        String heapMax,
        Duration startTimeout) {

    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
    public static final int DEFAULT_CQL_PORT = 9042;
    public static final int DEFAULT_STORAGE_PORT = 7000;
    public static final int JMX_DISABLED = 0;
    public static final String DEFAULT_HEAP_MIN = "256m";
    public static final String DEFAULT_HEAP_MAX = "512m";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");
    // goes unquoted into cassandra.yaml and the seeds string
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-]+");

    public LocalCassandraSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(heapMin, "heapMin");
        Objects.requireNonNull(heapMax, "heapMax");
        Objects.requireNonNull(startTimeout, "startTimeout");
        home = home.toAbsolutePath().normalize();
        libDir = libDir.toAbsolutePath().normalize();
        if (!HOST.matcher(listenHost).matches()) {
            throw new IllegalArgumentException("listenHost: not a host name or address: " + listenHost);
        }
        requirePort("cqlPort", cqlPort);
        requirePort("storagePort", storagePort);
        if (jmxPort != JMX_DISABLED) {
            requirePort("jmxPort", jmxPort);
        }
        if (cqlPort == storagePort || (jmxPort != JMX_DISABLED && (jmxPort == cqlPort || jmxPort == storagePort))) {
            throw new IllegalArgumentException("ports must differ: cql=" + cqlPort + " storage=" + storagePort + " jmx=" + jmxPort);
        }
        if (!HEAP_SIZE.matcher(heapMin).matches() || !HEAP_SIZE.matcher(heapMax).matches()) {
            throw new IllegalArgumentException("heap sizes must look like 256m or 1g: " + heapMin + ", " + heapMax);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
    }

    /** Defaults for everything but the home; the lib dir comes from {@link LocalCassandra#defaultLibDir()}. */
    public static LocalCassandraSettings defaults(Path home) {
        return new LocalCassandraSettings(home, LocalCassandra.defaultLibDir(), DEFAULT_LISTEN_HOST,
                DEFAULT_CQL_PORT, DEFAULT_STORAGE_PORT, JMX_DISABLED, DEFAULT_HEAP_MIN, DEFAULT_HEAP_MAX,
                DEFAULT_START_TIMEOUT);
    }

    public LocalCassandraSettings withLibDir(Path dir) {
        return new LocalCassandraSettings(home, dir, listenHost, cqlPort, storagePort, jmxPort, heapMin, heapMax, startTimeout);
    }

    public LocalCassandraSettings withListenHost(String host) {
        return new LocalCassandraSettings(home, libDir, host, cqlPort, storagePort, jmxPort, heapMin, heapMax, startTimeout);
    }

    public LocalCassandraSettings withPorts(int cql, int storage, int jmx) {
        return new LocalCassandraSettings(home, libDir, listenHost, cql, storage, jmx, heapMin, heapMax, startTimeout);
    }

    public LocalCassandraSettings withHeap(String min, String max) {
        return new LocalCassandraSettings(home, libDir, listenHost, cqlPort, storagePort, jmxPort, min, max, startTimeout);
    }

    public LocalCassandraSettings withStartTimeout(Duration timeout) {
        return new LocalCassandraSettings(home, libDir, listenHost, cqlPort, storagePort, jmxPort, heapMin, heapMax, timeout);
    }

    public Path dataDir() { return home.resolve("data"); }
    public Path commitlogDir() { return home.resolve("commitlog"); }
    public Path hintsDir() { return home.resolve("hints"); }
    public Path savedCachesDir() { return home.resolve("saved_caches"); }
    public Path cdcRawDir() { return home.resolve("cdc_raw"); }
    public Path logsDir() { return home.resolve("logs"); }
    public Path confDir() { return home.resolve("conf"); }
    public Path tmpDir() { return home.resolve("tmp"); }
    public Path pidFile() { return home.resolve("cassandra.pid"); }
    /** stdout and stderr of the Cassandra process. */
    public Path outFile() { return logsDir().resolve("cassandra.out"); }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }
}
