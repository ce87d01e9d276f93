package io.tenet.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-table operation counts of the benchmark's own Cassandra (keyspaces of the node, not Cassandra's own),
 * read from its virtual tables over one small CQL session. Comparing two snapshots shows how many reads and writes a port create costs and where.
 */
final class CassandraStats implements AutoCloseable {
  /** All tables' read, write and scan counts at one moment, keyed by {@code keyspace.table}. */
  record Snapshot(Map<String, Long> reads, Map<String, Long> writes, Map<String, Long> scans) {}

  // the driver's own queries and Cassandra's bookkeeping are not the node's work
  private static final Set<String> IGNORED_KEYSPACES = Set.of("system", "system_schema", "system_auth", "system_distributed",
      "system_traces", "system_views", "system_virtual_schema", "system_cluster_metadata");

  private final CqlSession session;

  private CassandraStats(CqlSession session) {
    this.session = session;
  }

  static CassandraStats connect(InetSocketAddress address, String datacenter) {
    // driver defaults only, so the node's application.conf on the class path does not apply here
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, datacenter);
    options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10));
    options.put(TypedDriverOption.METADATA_SCHEMA_ENABLED, false);
    options.put(TypedDriverOption.METADATA_TOKEN_MAP_ENABLED, false);
    options.put(TypedDriverOption.NETTY_IO_SIZE, 1);
    options.put(TypedDriverOption.NETTY_ADMIN_SIZE, 1);
    options.put(TypedDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0);
    options.put(TypedDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    return new CassandraStats(CqlSession.builder()
        .withConfigLoader(DriverConfigLoader.fromMap(options))
        .addContactPoint(address)
        .withLocalDatacenter(datacenter)
        .build());
  }

  Snapshot take() {
    return new Snapshot(metrics("coordinator_read_latency"), metrics("coordinator_write_latency"), metrics("coordinator_scan_latency"));
  }

  /** Tables that saw any operation between the two snapshots; per-port figures when {@code ports > 0}. */
  static Map<String, TableOps> between(Snapshot before, Snapshot after, int ports) {
    Map<String, TableOps> tables = new TreeMap<>();
    Set<String> names = new TreeSet<>(after.reads().keySet());
    names.addAll(after.writes().keySet());
    names.addAll(after.scans().keySet());
    for (String table : names) {
      long reads = delta(before.reads(), after.reads(), table);
      long writes = delta(before.writes(), after.writes(), table);
      long scans = delta(before.scans(), after.scans(), table);
      if (reads + writes + scans == 0) continue;
      tables.put(table, TableOps.of(reads, writes, scans, ports));
    }
    return tables;
  }

  private Map<String, Long> metrics(String virtualTable) {
    Map<String, Long> counts = new HashMap<>();
    for (Row row : session.execute("SELECT keyspace_name, table_name, count FROM system_views." + virtualTable)) {
      String keyspace = row.getString("keyspace_name");
      if (IGNORED_KEYSPACES.contains(keyspace)) continue;
      Object count = row.getObject("count");
      counts.put(keyspace + "." + row.getString("table_name"), count instanceof Number n ? n.longValue() : 0L);
    }
    return counts;
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after, String table) {
    return after.getOrDefault(table, 0L) - before.getOrDefault(table, 0L);
  }

  @Override
  public void close() {
    session.close();
  }
}
