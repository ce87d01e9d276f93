package io.tenet.persistence.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tenet.persistence.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LocalCassandraIT {

    @TempDir
    Path tmp;

    /** Every process a test started, killed after it whatever happened. */
    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(20, TimeUnit.SECONDS).join();
            });
        }
    }

    @Test
    void keepsDataAcrossStopAndCrashAndAdoptsARunningInstance() throws Exception {
        LocalCassandraSettings settings = settings(tmp.resolve("home"));
        Files.createDirectories(settings.home());
        Files.writeString(settings.pidFile(), deadPid() + "\n"); // as left by a crashed run

        LocalCassandra first = timedStart("first start (stale pid file)", () -> LocalCassandra.startOrAdopt(settings));
        assertFalse(first.adopted());
        assertEquals(Long.toString(first.pid()), Files.readString(settings.pidFile()).strip());
        try (CqlSession session = session(first)) {
            session.execute("CREATE KEYSPACE tenet_it WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE tenet_it.kv (k text PRIMARY KEY, v text)");
            session.execute("INSERT INTO tenet_it.kv (k, v) VALUES ('graceful', 'one')");
        }
        printResidentMemory(first.pid());
        long stopBegin = System.nanoTime();
        first.stop();
        System.out.printf("[LocalCassandraIT] graceful stop: %d ms%n", (System.nanoTime() - stopBegin) / 1_000_000);
        assertGone(first.pid());
        assertFalse(Files.exists(settings.pidFile()));

        LocalCassandra second = timedStart("restart on same home", () -> LocalCassandra.start(settings));
        assertNotEquals(first.pid(), second.pid());
        try (CqlSession session = session(second)) {
            assertEquals("one", read(session, "graceful"));
            session.execute("INSERT INTO tenet_it.kv (k, v) VALUES ('crash', 'two')");
        }
        // a Cassandra crash: acknowledged writes must be in the fsynced commitlog
        ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
        assertGone(second.pid());
        assertTrue(Files.exists(settings.pidFile()), "a crash leaves the pid file behind");

        LocalCassandra third = timedStart("start after crash (commitlog replay)", () -> LocalCassandra.startOrAdopt(settings));
        assertFalse(third.adopted());
        try (CqlSession session = session(third)) {
            assertEquals("one", read(session, "graceful"));
            assertEquals("two", read(session, "crash"));
        }
        assertThrows(IllegalStateException.class, () -> LocalCassandra.start(settings),
                "a second process on the same home must be refused");

        LocalCassandra adopted = timedStart("adopt", () -> LocalCassandra.startOrAdopt(settings));
        assertTrue(adopted.adopted());
        assertEquals(third.pid(), adopted.pid());
        assertEquals(1, cassandraProcessesIn(settings), "startOrAdopt must not start a second process");

        adopted.close();
        assertGone(third.pid());
        assertFalse(third.isAlive());
        assertFalse(Files.exists(settings.pidFile()));
        assertEquals(0, cassandraProcessesIn(settings));
        third.close(); // stopping an already stopped process is harmless
    }

    @Test
    void failedStartReportsTheLogTailAndLeavesNoProcess() throws IOException {
        Path emptyLib = Files.createDirectories(tmp.resolve("empty-lib"));
        LocalCassandraSettings settings = settings(tmp.resolve("home")).withLibDir(emptyLib);

        LocalCassandraStartException e = assertThrows(LocalCassandraStartException.class,
                () -> LocalCassandra.start(settings));

        assertTrue(e.getMessage().contains(CassandraLaunch.MAIN_CLASS), e.getMessage()); // java's complaint, from the log
        assertTrue(e.getMessage().contains("exit code"), e.getMessage());
        assertFalse(Files.exists(settings.pidFile()));
        assertEquals(0, cassandraProcessesIn(settings));
    }

    @Test
    void refusesAPortThatIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalCassandraSettings base = settings(tmp.resolve("home"));
            LocalCassandraSettings settings = base.withPorts(taken.getLocalPort(), base.storagePort(), base.jmxPort());

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalCassandra.start(settings));

            assertTrue(e.getMessage().contains("CQL port"), e.getMessage());
            assertEquals(0, cassandraProcessesIn(settings));
        }
    }

    private LocalCassandraSettings settings(Path home) {
        int[] ports = FreePorts.take(2);
        return LocalCassandraSettings.defaults(home)
                .withPorts(ports[0], ports[1], LocalCassandraSettings.JMX_DISABLED)
                .withStartTimeout(Duration.ofSeconds(120)); // generous: CI machines have 2 cores
    }

    private interface Starter {
        LocalCassandra start();
    }

    private LocalCassandra timedStart(String what, Starter starter) {
        long begin = System.nanoTime();
        LocalCassandra cassandra = starter.start();
        pids.add(cassandra.pid());
        System.out.printf("[LocalCassandraIT] %s: %d ms to CQL (pid %d)%n", what,
                (System.nanoTime() - begin) / 1_000_000, cassandra.pid());
        return cassandra;
    }

    private static CqlSession session(LocalCassandra cassandra) {
        return CqlSession.builder()
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20)) // DDL on a busy CI
                        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                        .build())
                .addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(LocalCassandra.DATACENTER)
                .build();
    }

    private static String read(CqlSession session, String key) {
        Row row = session.execute(session.prepare("SELECT v FROM tenet_it.kv WHERE k = ?").bind(key)).one();
        return row == null ? null : row.getString("v");
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static void assertGone(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
    }

    private static long cassandraProcessesIn(LocalCassandraSettings settings) {
        String conf = settings.confDir().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(CassandraLaunch.MAIN_CLASS) && c.contains(conf)).orElse(false))
                .count();
    }

    private static void printResidentMemory(long pid) {
        try {
            Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS"))
                    .forEach(l -> System.out.println("[LocalCassandraIT] Cassandra " + l.replaceAll("\\s+", " ")));
        } catch (IOException e) {
            // not Linux: no numbers
        }
    }
}
