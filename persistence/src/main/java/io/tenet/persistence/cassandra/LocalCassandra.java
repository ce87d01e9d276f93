package io.tenet.persistence.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Cassandra 5.0 running as its own JVM, with all its state under one home directory.
 *
 * <p>The process is deliberately not tied to this JVM: a controller node killed with {@code kill -9} leaves
 * its Cassandra running, and {@link #startOrAdopt} picks it up again after the restart. Call {@link #close()}
 * to stop it.
 */
public final class LocalCassandra implements AutoCloseable {

    /** The data center name of a single node with {@code SimpleSnitch}. */
    public static final String DATACENTER = "datacenter1";
    public static final String LIB_DIR_ENV = "TENET_CASSANDRA_LIB";
    public static final String LIB_DIR_PROPERTY = "tenet.cassandra.lib";
    static final Path LIB_DIR_IN_REPO = Path.of("persistence", "cassandra-server", "target", "lib");

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 30;
    private static final Logger log = LoggerFactory.getLogger(LocalCassandra.class);

    private final LocalCassandraSettings settings;
    private final ProcessHandle process;
    private final boolean adopted;
    private final String releaseVersion;
    private boolean stopped;

    private LocalCassandra(LocalCassandraSettings settings, ProcessHandle process, boolean adopted,
            String releaseVersion) {
        this.settings = settings;
        this.process = process;
        this.adopted = adopted;
        this.releaseVersion = releaseVersion;
    }

    /**
     * Starts a new Cassandra and waits until it answers CQL.
     *
     * @throws IllegalStateException        if a Cassandra already runs in this home or a port is taken
     * @throws LocalCassandraStartException if it does not answer within the start timeout (it is killed then)
     */
    public static LocalCassandra start(LocalCassandraSettings settings) {
        Optional<ProcessHandle> running = findRunning(settings);
        if (running.isPresent()) {
            // two processes on one data directory would corrupt it
            throw new IllegalStateException("Cassandra pid " + running.get().pid() + " already runs in "
                    + settings.home() + "; use startOrAdopt or stop it");
        }
        deleteQuietly(settings.pidFile()); // stale: its process is gone
        requirePortsFree(settings);
        List<String> command = CassandraLaunch.prepare(settings);

        Instant begin = Instant.now();
        Process process;
        try {
            Files.writeString(settings.outFile(), "=== " + begin + " starting Cassandra\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(settings.home().toFile())
                    .redirectErrorStream(true)
                    // a file, not a pipe: the process must outlive this JVM
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.outFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Cassandra in " + settings.home(), e);
        }
        try {
            process.getOutputStream().close(); // it reads nothing from us
            writePidFile(settings.pidFile(), process.pid());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot write " + settings.pidFile(), e);
        }

        String version;
        try {
            version = CqlProbe.awaitReady(contactPoint(settings), process.toHandle(), settings.startTimeout());
        } catch (RuntimeException e) {
            process.destroyForcibly();
            waitForExit(process.toHandle(), Duration.ofSeconds(10));
            deleteQuietly(settings.pidFile());
            String exit = process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
            throw new LocalCassandraStartException("Cassandra in " + settings.home() + " did not start: "
                    + e.getMessage() + exit + "\n--- last " + LOG_TAIL_LINES + " lines of " + settings.outFile()
                    + " ---\n" + logTail(settings.outFile()), e);
        }
        log.info("Cassandra {} answers CQL at {}:{} after {} ms (pid {}, home {})", version, settings.listenHost(),
                settings.cqlPort(), Duration.between(begin, Instant.now()).toMillis(), process.pid(), settings.home());
        return new LocalCassandra(settings, process.toHandle(), false, version);
    }

    /**
     * Reuses the Cassandra named by the home's pid file if it is alive and answers CQL, else starts one.
     *
     * <p>A live process that does not answer yet (it may still be starting) gets the start timeout; if it
     * still does not answer it is stopped and a fresh one started.
     */
    public static LocalCassandra startOrAdopt(LocalCassandraSettings settings) {
        Optional<ProcessHandle> running = findRunning(settings);
        if (running.isPresent()) {
            ProcessHandle process = running.get();
            try {
                String version = CqlProbe.awaitReady(contactPoint(settings), process, settings.startTimeout());
                log.info("Adopted running Cassandra {} at {}:{} (pid {}, home {})", version, settings.listenHost(),
                        settings.cqlPort(), process.pid(), settings.home());
                return new LocalCassandra(settings, process, true, version);
            } catch (RuntimeException e) {
                log.warn("Cassandra pid {} in {} does not answer CQL ({}); stopping it and starting a fresh one",
                        process.pid(), settings.home(), e.getMessage());
                terminate(process);
            }
        }
        return start(settings);
    }

    /**
     * The directory with cassandra-all and its jars: env {@value #LIB_DIR_ENV}, else system property
     * {@value #LIB_DIR_PROPERTY}, else {@code persistence/cassandra-server/target/lib} in the working
     * directory or one of its parents (filled by {@code mvn generate-resources}).
     */
    public static Path defaultLibDir() {
        String env = System.getenv(LIB_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return requireLibDir(Path.of(env), "env " + LIB_DIR_ENV);
        }
        String property = System.getProperty(LIB_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return requireLibDir(Path.of(property), "system property " + LIB_DIR_PROPERTY);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LIB_DIR_IN_REPO);
            if (isLibDir(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No Cassandra lib dir: set " + LIB_DIR_ENV + " or -D" + LIB_DIR_PROPERTY
                + ", or run `mvn -pl persistence/cassandra-server generate-resources` in the repository; "
                + "looked for " + LIB_DIR_IN_REPO + " in " + cwd + " and its parents");
    }

    public LocalCassandraSettings settings() {
        return settings;
    }

    public long pid() {
        return process.pid();
    }

    /** True if this instance was already running and got adopted rather than started. */
    public boolean adopted() {
        return adopted;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String releaseVersion() {
        return releaseVersion;
    }

    public String host() {
        return settings.listenHost();
    }

    public int cqlPort() {
        return settings.cqlPort();
    }

    public InetSocketAddress contactPoint() {
        return contactPoint(settings);
    }

    /** SIGTERM (Cassandra drains and flushes), up to 30 s, then SIGKILL; removes the pid file. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        Instant begin = Instant.now();
        terminate(process);
        deletePidFileIfOurs();
        stopped = true;
        log.info("Cassandra pid {} stopped after {} ms", process.pid(), Duration.between(begin, Instant.now()).toMillis());
    }

    /**
     * SIGKILL, for throwaway instances (tests) whose data is deleted anyway; removes the pid file. Acknowledged
     * writes survive this too (group commitlog), but the next start replays the commitlog.
     */
    public synchronized void kill() {
        if (stopped) {
            return;
        }
        process.destroyForcibly();
        if (!waitForExit(process, Duration.ofSeconds(10))) {
            throw new IllegalStateException("Cassandra pid " + process.pid() + " survived SIGKILL");
        }
        deletePidFileIfOurs();
        stopped = true;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "LocalCassandra[pid=" + process.pid() + ", " + settings.listenHost() + ":" + settings.cqlPort()
                + ", home=" + settings.home() + (adopted ? ", adopted" : "") + "]";
    }

    /** The live Cassandra process named by the home's pid file, if any (whether or not it answers CQL). */
    public static Optional<ProcessHandle> findRunning(LocalCassandraSettings settings) {
        OptionalLong pid = readPid(settings.pidFile());
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                // after a reboot the pid may belong to something else: require our conf dir on its command line
                .filter(p -> p.info().commandLine()
                        .map(cmd -> cmd.contains(CassandraLaunch.MAIN_CLASS) && cmd.contains(settings.confDir().toString()))
                        .orElse(true));
    }

    private static void terminate(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(process, STOP_TIMEOUT)) {
            log.warn("Cassandra pid {} ignored SIGTERM for {}; killing it", process.pid(), STOP_TIMEOUT);
            process.destroyForcibly();
            if (!waitForExit(process, Duration.ofSeconds(10))) {
                throw new IllegalStateException("Cassandra pid " + process.pid() + " survived SIGKILL");
            }
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void deletePidFileIfOurs() {
        OptionalLong pid = readPid(settings.pidFile());
        if (pid.isPresent() && pid.getAsLong() == process.pid()) {
            deleteQuietly(settings.pidFile());
        }
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void writePidFile(Path pidFile, long pid) throws IOException {
        // write-then-rename, so a crash never leaves a half-written pid file
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void requirePortsFree(LocalCassandraSettings s) {
        // otherwise the CQL probe could get its answer from whatever already listens there
        checkFree(s.listenHost(), s.cqlPort(), "CQL");
        checkFree(s.listenHost(), s.storagePort(), "storage");
        if (s.jmxPort() != LocalCassandraSettings.JMX_DISABLED) {
            checkFree("127.0.0.1", s.jmxPort(), "JMX");
        }
    }

    private static void checkFree(String host, int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException(what + " port " + host + ":" + port + " is not free: " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress contactPoint(LocalCassandraSettings s) {
        return new InetSocketAddress(s.listenHost(), s.cqlPort());
    }

    private static Path requireLibDir(Path dir, String source) {
        if (!isLibDir(dir)) {
            throw new IllegalStateException(source + " = " + dir + " has no cassandra-all-*.jar");
        }
        return dir.toAbsolutePath().normalize();
    }

    private static boolean isLibDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("cassandra-all-") && name.endsWith(".jar");
            });
        } catch (IOException e) {
            return false;
        }
    }

    static String logTail(Path file) {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) { // never fails on bad bytes
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
