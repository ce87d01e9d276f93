package io.tenet.chaos;

import io.tenet.lab.Await;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalNode;
import io.tenet.lab.PingResult;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What keeps going while a fault is injected: every VM pings the next one across the tunnels
 * every 20 ms, and an API client creates ports at a fixed rate through the live nodes. A create
 * answered 503 (the documented retryable status) or not answered is retried with the same
 * Idempotency-Key, on the next live node, for up to 90 s; only then does it count as failed.
 * Every acknowledged create is remembered, to be checked afterwards.
 */
final class SteadyLoad implements AutoCloseable {
  static final long PING_INTERVAL_MS = 20;
  /**
   * Longer than the longest fault plus its recovery: a create sent just before the 30 s Cassandra
   * outage waits for the stop (about 5 s), the outage (its own probes may stretch it by 10 s), the
   * restart (about 10 s) and the journal's reconnection. A minute was measured to be too short.
   */
  static final Duration WRITE_DEADLINE = Duration.ofSeconds(90);

  record Result(Map<String, PingResult> pings, int apiOk, int apiFailed, int apiRetries, List<String> acknowledgedPorts) {
    int pingsSent() {
      return pings.values().stream().mapToInt(PingResult::transmitted).sum();
    }

    int pingsLost() {
      return pings.values().stream().mapToInt(p -> p.lostSeqs().size()).sum();
    }
  }

  private final ChaosWorld world;
  private final String networkId;
  private final Map<String, RunningPing> pings = new LinkedHashMap<>();
  private final Thread writer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final List<String> acknowledged = new CopyOnWriteArrayList<>();

  private SteadyLoad(ChaosWorld world, String networkId, double writesPerSecond) {
    this.world = world;
    this.networkId = networkId;
    List<Vm> vms = world.vms();
    for (int i = 0; i < vms.size(); i++) {
      Vm from = vms.get(i);
      Vm to = vms.get((i + 1) % vms.size());
      pings.put(from.name() + "->" + to.name(), from.startPing(to.ip(), PING_INTERVAL_MS));
    }
    long pauseMillis = (long) (1000 / writesPerSecond);
    writer = new Thread(() -> {
      while (running.get()) {
        long started = System.nanoTime();
        createOnePort();
        long sleep = pauseMillis - (System.nanoTime() - started) / 1_000_000;
        if (sleep > 0) {
          try {
            Thread.sleep(sleep);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }, "chaos-api-writer");
  }

  /** Starts pings and writes; returns once every VM pair answers. {@code networkId}: where the load's ports go. */
  static SteadyLoad start(ChaosWorld world, String networkId, double writesPerSecond) throws InterruptedException {
    SteadyLoad load = new SteadyLoad(world, networkId, writesPerSecond);
    Await.until(Duration.ofSeconds(15), () -> load.pings.values().stream().allMatch(p -> p.progress().received() >= 5),
        "the VMs do not reach each other before the fault");
    load.writer.start();
    return load;
  }

  private void createOnePort() {
    String key = UUID.randomUUID().toString();
    String body = ChaosWorld.JSON.createObjectNode().put("network_id", networkId).toString();
    long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
    int attempt = 0;
    while (System.nanoTime() < deadline) {
      List<LocalNode> live = world.liveNodes();
      if (!live.isEmpty()) {
        LocalNode node = live.get(Math.floorMod(key.hashCode() + attempt, live.size()));
        try {
          BenchmarkApi.Answer answer = ChaosWorld.api(node).post("/ports", world.tenantToken(), body, key);
          if (answer.status() == 201) {
            ok.incrementAndGet();
            acknowledged.add(answer.json().path("id").asText());
            return;
          }
          if (answer.status() != 503) { // anything else is not retryable: a failed request
            System.out.println("[chaos] POST /ports (key " + key + ", attempt " + (attempt + 1) + ") failed for good: " + answer.status() + " " + answer.body());
            failed.incrementAndGet();
            return;
          }
        } catch (IOException | InterruptedException notAnswered) {
          if (notAnswered instanceof InterruptedException) Thread.currentThread().interrupt();
        }
      }
      attempt++;
      retries.incrementAndGet();
      try {
        Thread.sleep(250);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    System.out.println("[chaos] POST /ports (key " + key + ") still unanswered after " + WRITE_DEADLINE.toSeconds() + " s and " + attempt + " attempts");
    failed.incrementAndGet();
  }

  /** Stops writing (the create in flight finishes) and pinging; returns what happened. */
  Result stop() throws InterruptedException {
    running.set(false);
    writer.join(WRITE_DEADLINE.plusSeconds(10).toMillis());
    Map<String, PingResult> results = new LinkedHashMap<>();
    pings.forEach((pair, ping) -> results.put(pair, ping.stop()));
    return new Result(results, ok.get(), failed.get(), retries.get(), new ArrayList<>(acknowledged));
  }

  @Override
  public void close() {
    running.set(false);
    writer.interrupt();
    pings.values().forEach(RunningPing::close);
  }
}
