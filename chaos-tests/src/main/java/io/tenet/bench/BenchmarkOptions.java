package io.tenet.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What {@link PortCreateBenchmark} does, from its command line. Without {@code --url} it starts its own
 * Cassandra and node; with {@code --url} and {@code --token} (the admin token) it drives a node already
 * running on this machine.
 */
record BenchmarkOptions(
    URI url,
    String token,
    int ports,
    int concurrency,
    int serialPorts,
    int warmup,
    int networks,
    int idleSeconds,
    Path out,
    Duration requestTimeout,
    Duration passTimeout) {

  static final String USAGE = """
      usage: tenet-bench [options]
        --ports N            port creates measured at --concurrency (default 2000)
        --concurrency C      parallel clients of the loaded pass (default 16)
        --serial-ports N     port creates measured one at a time, for unloaded latency; 0 skips (default 500)
        --warmup N           port creates before measuring, not measured (default 1000: warms the JIT, and creates most
                             of the 1000 port shards, whose first port costs extra Cassandra work)
        --networks N         networks (one /16 each) the ports are spread over (default 10)
        --idle-seconds S     after the warm-up, measure the idle CPU/Cassandra baseline for S seconds; 0 skips (default 10)
        --out FILE           results file, with .md and .png beside it (default bench/results/<date>-port-create.json)
        --request-timeout S  seconds one request may take before it counts as an error (default 30)
        --pass-timeout S     seconds a pass may take; unsent creates are then skipped (default 600)
        --url URL --token T  use a node already running on this machine (e.g. http://127.0.0.1:8080/v1)
                             and its admin token, instead of starting Cassandra and a node
      """;

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  BenchmarkOptions {
    if (ports < 1) throw new IllegalArgumentException("--ports must be at least 1");
    if (concurrency < 1 || concurrency > 1024) throw new IllegalArgumentException("--concurrency must be 1..1024");
    if (serialPorts < 0) throw new IllegalArgumentException("--serial-ports must not be negative");
    if (warmup < 0) throw new IllegalArgumentException("--warmup must not be negative");
    if (idleSeconds < 0 || idleSeconds > 600) throw new IllegalArgumentException("--idle-seconds must be 0..600");
    if (networks < 1 || networks > 250) throw new IllegalArgumentException("--networks must be 1..250 (one 10.N.0.0/16 each)");
    if ((url == null) != (token == null)) throw new IllegalArgumentException("--url and --token go together");
    if (url != null && !LOOPBACK.contains(url.getHost())) {
      throw new IllegalArgumentException("--url must point at this machine (127.0.0.1), not " + url.getHost());
    }
  }

  /** The node is started by the benchmark (own Cassandra, own node JVM). */
  boolean ownNode() {
    return url == null;
  }

  static BenchmarkOptions parse(String[] args) {
    URI url = null;
    String token = null;
    int ports = 2000;
    int concurrency = 16;
    int serialPorts = 500;
    int warmup = 1000;
    int networks = 10;
    int idleSeconds = 10;
    Path out = Path.of("bench", "results", java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "-port-create.json");
    int requestTimeout = 30;
    int passTimeout = 600;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) throw new UsageRequested();
      if (i + 1 >= args.length) throw new IllegalArgumentException(arg + " needs a value");
      String value = args[++i];
      switch (arg) {
        case "--url" -> url = apiBase(value);
        case "--token" -> token = value;
        case "--ports" -> ports = number(arg, value);
        case "--concurrency" -> concurrency = number(arg, value);
        case "--serial-ports" -> serialPorts = number(arg, value);
        case "--warmup" -> warmup = number(arg, value);
        case "--networks" -> networks = number(arg, value);
        case "--idle-seconds" -> idleSeconds = number(arg, value);
        case "--out" -> out = Path.of(value);
        case "--request-timeout" -> requestTimeout = number(arg, value);
        case "--pass-timeout" -> passTimeout = number(arg, value);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (requestTimeout < 1 || passTimeout < 1) throw new IllegalArgumentException("timeouts must be at least 1 s");
    return new BenchmarkOptions(url, token, ports, concurrency, serialPorts, warmup, networks, idleSeconds, out,
        Duration.ofSeconds(requestTimeout), Duration.ofSeconds(passTimeout));
  }

  /** Accepts the node's address with or without the {@code /v1} suffix. */
  private static URI apiBase(String value) {
    String base = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    if (!base.endsWith("/v1")) base = base + "/v1";
    URI uri = URI.create(base);
    if (!"http".equals(uri.getScheme())) throw new IllegalArgumentException("--url must be http://...: " + value);
    return uri;
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " wants a whole number, not " + value);
    }
  }

  /** {@code --help}: print {@link #USAGE} and exit without running. */
  static final class UsageRequested extends RuntimeException {
    UsageRequested() {
      super("usage requested", null, false, false);
    }
  }
}
