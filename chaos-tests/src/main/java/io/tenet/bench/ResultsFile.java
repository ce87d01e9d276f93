package io.tenet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The benchmark's results as JSON: when, on what machine and JVM, with which settings, and one entry per
 * measured pass (plus the unmeasured warm-up, for its errors, and the idle baseline). Field names are
 * snake_case.
 */
final class ResultsFile {
  private static final long MB = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsFile() {}

  static ObjectNode build(BenchmarkOptions options, String cassandraVersion, PassResult warmup, IdleResult idle,
      List<PassResult> passes, double totalSeconds) {
    ObjectNode root = JSON.createObjectNode();
    root.put("benchmark", "port-create");
    root.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    String commit = System.getenv("TENET_BENCH_GIT_COMMIT");
    if (commit != null && !commit.isBlank()) root.put("git_commit", commit.trim());

    Runtime runtime = Runtime.getRuntime();
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", runtime.availableProcessors());
    machine.put("bench_jvm_max_memory_mb", runtime.maxMemory() / MB);
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      machine.put("physical_memory_mb", os.getTotalMemorySize() / MB);
    }
    machine.put("load_average_1m_at_end", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));

    ObjectNode jvm = root.putObject("jvm");
    jvm.put("version", System.getProperty("java.version"));
    jvm.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    jvm.put("vendor", System.getProperty("java.vendor"));

    ObjectNode settings = root.putObject("settings");
    settings.put("target", options.ownNode() ? "own node JVM + own Cassandra, same machine" : options.url().toString());
    settings.put("ports", options.ports());
    settings.put("concurrency", options.concurrency());
    settings.put("serial_ports", options.serialPorts());
    settings.put("warmup", options.warmup());
    settings.put("networks", options.networks());
    settings.put("idle_seconds", options.idleSeconds());
    settings.put("subnet", "10.N.0.0/16 per network");
    settings.put("request_timeout_s", options.requestTimeout().toSeconds());
    settings.put("pass_timeout_s", options.passTimeout().toSeconds());
    if (options.ownNode()) {
      settings.putPOJO("node_jvm_options", LocalNode.JVM_OPTIONS);
      settings.put("cassandra_heap", LocalStack.CASSANDRA_HEAP_MIN + "/" + LocalStack.CASSANDRA_HEAP_MAX);
      settings.put("cassandra_version", cassandraVersion);
    }

    if (warmup != null) root.set("warmup", JSON.valueToTree(warmup));
    if (idle != null) root.set("idle", JSON.valueToTree(idle));
    root.set("passes", JSON.valueToTree(passes));
    root.put("total_seconds", Math.round(totalSeconds * 10) / 10.0);
    return root;
  }
}
