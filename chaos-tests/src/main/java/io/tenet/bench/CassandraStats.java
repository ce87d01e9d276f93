package io.tenet.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tenet.persistence.cassandra.StandaloneCql;
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
    OptionsMap options = StandaloneCql.options(datacenter, Duration.ofSeconds(10));
    return new CassandraStats(StandaloneCql.open(address, datacenter, options));
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
