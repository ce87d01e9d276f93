package io.tenet.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends a fixed number of port creates from a fixed number of client threads, each sending its next
 * create as soon as the previous one is answered (closed loop), spread round-robin over the networks.
 * A pass is bounded in count and in time: once its time limit passes, no further create is sent.
 */
final class LoadPass {
  private static final int MAX_ERROR_SAMPLES = 5;
  private static final int MAX_SAMPLE_CHARS = 300;

  private final BenchmarkApi api;
  private final String tenantToken;
  private final List<String> networkIds;
  private final Duration passTimeout;
  private final Duration requestTimeout;
  private final Supplier<Map<String, Long>> pids;
  private final CassandraStats cassandra;

  /** {@code cassandra}: the benchmark's own Cassandra, or null when it drives a node it did not start. */
  LoadPass(BenchmarkApi api, String tenantToken, List<String> networkIds, Duration passTimeout, Duration requestTimeout,
      Supplier<Map<String, Long>> pids, CassandraStats cassandra) {
    this.api = api;
    this.tenantToken = tenantToken;
    this.networkIds = List.copyOf(networkIds);
    this.passTimeout = passTimeout;
    this.requestTimeout = requestTimeout;
    this.pids = pids;
    this.cassandra = cassandra;
  }

  /** Sends nothing for {@code duration} and records what the node and Cassandra do meanwhile. */
  IdleResult idle(Duration duration) throws InterruptedException {
    CpuSnapshot cpuBefore = CpuSnapshot.take(pids.get());
    CassandraStats.Snapshot opsBefore = cassandraSnapshot();
    long start = System.nanoTime();
    Thread.sleep(duration.toMillis());
    long elapsed = System.nanoTime() - start;
    CpuSnapshot cpuAfter = CpuSnapshot.take(pids.get());
    return new IdleResult(Math.round(elapsed / 1e7) / 100.0, cpuAfter.secondsSince(cpuBefore), cassandraOps(opsBefore, 0));
  }

  PassResult run(String name, int count, int concurrency) throws InterruptedException {
    long[] latencies = new long[count];
    Arrays.fill(latencies, -1);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    Map<String, Integer> errorKinds = new TreeMap<>();
    List<String> errorSamples = new ArrayList<>();
    int threads = Math.min(concurrency, count);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "bench-" + name + "-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    List<Callable<Void>> workers = new ArrayList<>();
    CpuSnapshot cpuBefore = CpuSnapshot.take(pids.get());
    CassandraStats.Snapshot opsBefore = cassandraSnapshot();
    long start = System.nanoTime();
    long deadline = start + passTimeout.toNanos();
    for (int t = 0; t < threads; t++) {
      workers.add(() -> {
        for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline; i = next.getAndIncrement()) {
          sent.incrementAndGet();
          String networkId = networkIds.get(i % networkIds.size());
          long begin = System.nanoTime();
          try {
            BenchmarkApi.Answer answer = api.createPort(tenantToken, networkId);
            long took = System.nanoTime() - begin;
            if (answer.status() == 201) {
              latencies[i] = took;
            } else {
              recordError(errorKinds, errorSamples, Integer.toString(answer.status()), answer.status() + " " + answer.body());
            }
          } catch (IOException | RuntimeException e) {
            recordError(errorKinds, errorSamples, e.getClass().getSimpleName(), e.toString());
          }
        }
        return null;
      });
    }
    try {
      for (var future : pool.invokeAll(workers, passTimeout.plus(requestTimeout).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
        if (future.isCancelled()) {
          recordError(errorKinds, errorSamples, "client-stuck", "a client thread did not finish in time");
          continue;
        }
        try {
          future.get();
        } catch (ExecutionException e) {
          recordError(errorKinds, errorSamples, "client-failed", "a client thread failed: " + e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long elapsed = System.nanoTime() - start;
    CpuSnapshot cpuAfter = CpuSnapshot.take(pids.get());
    long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).toArray();
    int requests = Math.min(sent.get(), count);
    Map<String, TableOps> ops = cassandraOps(opsBefore, ok.length);
    synchronized (errorKinds) {
      return PassResult.of(name, threads, ok, requests, count - requests, elapsed, errorKinds, errorSamples,
          cpuAfter.secondsSince(cpuBefore), ops);
    }
  }

  private CassandraStats.Snapshot cassandraSnapshot() {
    if (cassandra == null) return null;
    try {
      return cassandra.take();
    } catch (RuntimeException e) {
      System.out.println("[bench] cannot read Cassandra's table metrics: " + e);
      return null;
    }
  }

  private Map<String, TableOps> cassandraOps(CassandraStats.Snapshot before, int ports) {
    if (before == null) return Map.of();
    CassandraStats.Snapshot after = cassandraSnapshot();
    return after == null ? Map.of() : CassandraStats.between(before, after, ports);
  }

  private static void recordError(Map<String, Integer> kinds, List<String> samples, String kind, String detail) {
    synchronized (kinds) {
      kinds.merge(kind, 1, Integer::sum);
      if (samples.size() < MAX_ERROR_SAMPLES) {
        samples.add(detail.length() > MAX_SAMPLE_CHARS ? detail.substring(0, MAX_SAMPLE_CHARS) + "..." : detail);
      }
    }
  }
}
