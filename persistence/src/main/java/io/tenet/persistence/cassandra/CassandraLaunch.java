package io.tenet.persistence.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes a Cassandra home's conf directory and builds the command line that starts it. */
final class CassandraLaunch {

    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    private static final int REQUIRED_JAVA = 17; // cassandra-all 5.0.9 fails on newer JDKs here

    private CassandraLaunch() {
    }

    /** Creates the directories, writes cassandra.yaml and logback.xml, and returns the command. */
    static List<String> prepare(LocalCassandraSettings s) {
        try {
            for (Path dir : List.of(s.dataDir(), s.commitlogDir(), s.hintsDir(), s.savedCachesDir(), s.cdcRawDir(),
                    s.logsDir(), s.confDir(), s.confDir().resolve("triggers"), s.tmpDir())) {
                Files.createDirectories(dir);
            }
            Files.writeString(s.confDir().resolve("cassandra.yaml"), yaml(s));
            Files.writeString(s.confDir().resolve("logback.xml"), resource("cassandra-logback.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Cassandra home " + s.home(), e);
        }
        return command(s);
    }

    static String yaml(LocalCassandraSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("data_dir", quoted(s.dataDir()));
        values.put("commitlog_dir", quoted(s.commitlogDir()));
        values.put("saved_caches_dir", quoted(s.savedCachesDir()));
        values.put("hints_dir", quoted(s.hintsDir()));
        values.put("cdc_raw_dir", quoted(s.cdcRawDir()));
        values.put("listen_host", s.listenHost());
        values.put("storage_port", Integer.toString(s.storagePort()));
        values.put("cql_port", Integer.toString(s.cqlPort()));
        String yaml = resource("cassandra.yaml.template");
        for (Map.Entry<String, String> v : values.entrySet()) {
            yaml = yaml.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        if (yaml.contains("{{")) {
            throw new IllegalStateException("unfilled placeholder in cassandra.yaml.template");
        }
        return yaml;
    }

    private static List<String> command(LocalCassandraSettings s) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        resource("jvm17.options").lines().map(String::strip).filter(l -> l.startsWith("-")).forEach(cmd::add);
        cmd.add("-Xms" + s.heapMin());
        cmd.add("-Xmx" + s.heapMax());
        // Cassandra measures memtable sizes with jamm
        jammJar(s.libDir()).ifPresent(jar -> cmd.add("-javaagent:" + jar));
        // without a JMX port property Cassandra 5.0 starts no JMX server at all, so instances cannot collide there
        if (s.jmxPort() != LocalCassandraSettings.JMX_DISABLED) {
            cmd.add("-Dcassandra.jmx.local.port=" + s.jmxPort());
        }
        cmd.add("-Dcassandra.config=" + s.confDir().resolve("cassandra.yaml").toUri());
        cmd.add("-Dlogback.configurationFile=" + s.confDir().resolve("logback.xml").toUri());
        cmd.add("-Dcassandra.logdir=" + s.logsDir());
        cmd.add("-Dcassandra.storagedir=" + s.home());
        cmd.add("-XX:HeapDumpPath=" + s.logsDir());
        // native libraries (snappy, lz4) unpacked here are not cleaned up after a kill: keep them in the home
        cmd.add("-Djava.io.tmpdir=" + s.tmpDir());
        cmd.add("-Dcassandra.triggers_dir=" + s.confDir().resolve("triggers")); // else it warns every minute
        cmd.add("-Dcassandra-foreground=yes");
        // single node: no ring to wait for (first start ~37 s -> ~6 s)
        cmd.add("-Dcassandra.ring_delay_ms=0");
        cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        // the java launcher expands lib/* to all jars of the directory
        cmd.add("-cp");
        cmd.add(s.confDir() + java.io.File.pathSeparator + s.libDir().resolve("*"));
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    /** JAVA_HOME if it is a JDK 17, else the running JVM if it is one. */
    static Path javaExecutable() {
        List<String> tried = new ArrayList<>();
        String javaHomeEnv = System.getenv("JAVA_HOME");
        List<String> candidates = new ArrayList<>();
        if (javaHomeEnv != null && !javaHomeEnv.isBlank()) {
            candidates.add(javaHomeEnv);
        }
        candidates.add(System.getProperty("java.home"));
        for (String home : candidates) {
            Path java = Path.of(home, "bin", "java");
            int version = featureVersion(Path.of(home));
            if (version == REQUIRED_JAVA && Files.isExecutable(java)) {
                return java;
            }
            tried.add(home + " (Java " + (version < 0 ? "?" : version) + ")");
        }
        throw new IllegalStateException("Cassandra 5.0 needs a JDK " + REQUIRED_JAVA
                + "; set JAVA_HOME to one. Tried: " + tried);
    }

    private static int featureVersion(Path javaHome) {
        if (javaHome.equals(Path.of(System.getProperty("java.home")))) {
            return Runtime.version().feature();
        }
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String[] parts = v.split("[.+\\-_]");
                    int first = Integer.parseInt(parts[0]);
                    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first; // 1.8.0 -> 8
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown version: not usable
        }
        return -1;
    }

    private static Optional<Path> jammJar(Path libDir) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(libDir, "jamm-*.jar")) {
            for (Path jar : jars) {
                return Optional.of(jar);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(Path p) {
        return "'" + p.toString().replace("'", "''") + "'"; // YAML single-quoted scalar
    }

    private static String resource(String name) {
        try (InputStream in = CassandraLaunch.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
