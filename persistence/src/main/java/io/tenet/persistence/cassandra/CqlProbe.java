package io.tenet.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Waits until a Cassandra answers CQL. */
final class CqlProbe {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private CqlProbe() {
    }

    /**
     * Returns {@code release_version} once {@code SELECT release_version FROM system.local} succeeds.
     *
     * @throws IllegalStateException if the process exits or the timeout passes first
     */
    static String awaitReady(InetSocketAddress address, ProcessHandle process, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra process " + process.pid() + " exited", last);
            }
            // a plain TCP connect is cheap; a driver session (event loops, handshake) only once the port is open
            if (portOpen(address)) {
                try {
                    return releaseVersion(address);
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("CQL at " + address + " did not answer within " + timeout, last);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Cassandra", e);
            }
        }
    }

    static String releaseVersion(InetSocketAddress address) {
        OptionsMap options = StandaloneCql.options(LocalCassandra.DATACENTER, Duration.ofSeconds(5));
        options.put(TypedDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(2));
        options.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5));
        options.put(TypedDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5));
        try (CqlSession session = StandaloneCql.open(address, LocalCassandra.DATACENTER, options)) {
            Row row = session.execute("SELECT release_version FROM system.local").one();
            if (row == null) {
                throw new IllegalStateException("system.local is empty");
            }
            return row.getString("release_version");
        }
    }

    private static boolean portOpen(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
