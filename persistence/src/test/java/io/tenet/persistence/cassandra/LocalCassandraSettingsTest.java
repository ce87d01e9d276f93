package io.tenet.persistence.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCassandraSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsFindTheLibDirOfThisRepository() {
        LocalCassandraSettings s = LocalCassandraSettings.defaults(tmp);

        assertTrue(s.libDir().endsWith(LocalCassandra.LIB_DIR_IN_REPO), s.libDir().toString());
        assertEquals("127.0.0.1", s.listenHost());
        assertEquals(9042, s.cqlPort());
        assertEquals(7000, s.storagePort());
        assertEquals(LocalCassandraSettings.JMX_DISABLED, s.jmxPort());
        assertEquals("256m", s.heapMin());
        assertEquals("512m", s.heapMax());
        assertEquals(Duration.ofSeconds(90), s.startTimeout());
        assertEquals(tmp.resolve("cassandra.pid"), s.pidFile());
        assertEquals(tmp.resolve("logs").resolve("cassandra.out"), s.outFile());
    }

    @Test
    void rejectsNonsense() {
        LocalCassandraSettings s = LocalCassandraSettings.defaults(tmp);

        assertThrows(IllegalArgumentException.class, () -> s.withPorts(0, 7000, 0));
        assertThrows(IllegalArgumentException.class, () -> s.withPorts(9042, 9042, 0));
        assertThrows(IllegalArgumentException.class, () -> s.withPorts(9042, 7000, 7000));
        assertThrows(IllegalArgumentException.class, () -> s.withHeap("lots", "512m"));
        assertThrows(IllegalArgumentException.class, () -> s.withStartTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> s.withListenHost("127.0.0.1'; drop"));
    }

    @Test
    void yamlHasTheHomeDirectoriesPortsAndGroupCommitlog() {
        Path home = tmp.resolve("it's here");
        LocalCassandraSettings s = LocalCassandraSettings.defaults(home).withPorts(19042, 17000, 0);

        String yaml = CassandraLaunch.yaml(s);

        assertTrue(yaml.contains("  - '" + home.resolve("data").toString().replace("'", "''") + "'"), yaml);
        assertTrue(yaml.contains("commitlog_directory: '" + home.resolve("commitlog").toString().replace("'", "''") + "'"), yaml);
        assertTrue(yaml.contains("native_transport_port: 19042"), yaml);
        assertTrue(yaml.contains("storage_port: 17000"), yaml);
        assertTrue(yaml.contains("seeds: \"127.0.0.1:17000\""), yaml);
        assertTrue(yaml.contains("commitlog_sync: group"), yaml);
        assertTrue(yaml.contains("commitlog_sync_group_window: 10ms"), yaml);
        assertFalse(yaml.contains("{{"), yaml);
    }

    @Test
    void commandUsesAJdk17AndNoJmxByDefault() {
        LocalCassandraSettings s = LocalCassandraSettings.defaults(tmp).withPorts(19042, 17000, 0);

        var command = CassandraLaunch.prepare(s);

        assertTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0));
        assertEquals(CassandraLaunch.MAIN_CLASS, command.get(command.size() - 1));
        assertTrue(command.contains("-Dcassandra.ring_delay_ms=0"));
        assertTrue(command.contains("-Xmx512m"));
        assertTrue(command.stream().noneMatch(a -> a.contains("jmx.local.port")), command.toString());
        assertTrue(CassandraLaunch.prepare(s.withPorts(19042, 17000, 17199)).contains("-Dcassandra.jmx.local.port=17199"));
        assertTrue(Files.isRegularFile(s.confDir().resolve("cassandra.yaml")));
        assertTrue(Files.isRegularFile(s.confDir().resolve("logback.xml")));
    }
}
