package io.tenet.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Small CQL sessions for tools (readiness probes, benchmark statistics), built from driver
 * defaults only so an application.conf on the class path cannot redirect them, with one-thread
 * event loops and no quiet period when they close.
 */
public final class StandaloneCql {
    private StandaloneCql() {}

    /** The shared options; callers may add their own before {@link #open}. */
    public static OptionsMap options(String datacenter, Duration requestTimeout) {
        OptionsMap options = OptionsMap.driverDefaults();
        options.put(TypedDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, datacenter);
        options.put(TypedDriverOption.REQUEST_TIMEOUT, requestTimeout);
        options.put(TypedDriverOption.METADATA_SCHEMA_ENABLED, false);
        options.put(TypedDriverOption.METADATA_TOKEN_MAP_ENABLED, false);
        options.put(TypedDriverOption.NETTY_IO_SIZE, 1);
        options.put(TypedDriverOption.NETTY_ADMIN_SIZE, 1);
        options.put(TypedDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0);
        options.put(TypedDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
        return options;
    }

    public static CqlSession open(InetSocketAddress address, String datacenter, OptionsMap options) {
        return CqlSession.builder()
                .withConfigLoader(DriverConfigLoader.fromMap(options))
                .addContactPoint(address)
                .withLocalDatacenter(datacenter)
                .build();
    }
}
