package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When a surviving node saw a killed member become unreachable, marked down and removed: the parts
 * of a failover the cluster spends before any datapath can be taken over. Polled every 100 ms on a
 * thread of its own from the survivor's Pekko Management {@code /cluster/members}, which answers
 * from the node's own membership state (the API's {@code /v1/cluster} also asks every shard
 * region, and waits out the dead one's). Seconds from {@code since} (a {@link System#nanoTime}),
 * null while not seen.
 */
final class MembershipTimeline implements AutoCloseable {
  private static final long POLL_NANOS = 100_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final URI members;
  private final String member;
  private final long since;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;
  private volatile Double unreachable;
  private volatile Double down;
  private volatile Double removed;

  /** {@code member}: host:port of the killed node's cluster address, as the survivor on {@code managementPort} knows it. */
  MembershipTimeline(int managementPort, String member, long since) {
    this.members = URI.create("http://127.0.0.1:" + managementPort + "/cluster/members");
    this.member = member;
    this.since = since;
    this.poller = new Thread(this::poll, "membership-timeline");
    poller.setDaemon(true);
    poller.start();
  }

  Double unreachable() {
    return unreachable;
  }

  Double down() {
    return down;
  }

  Double removed() {
    return removed;
  }

  private void poll() {
    while (running.get() && removed == null) {
      long asked = System.nanoTime();
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(members).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) see(JSON.readTree(answer.body()), asked);
      } catch (InterruptedException stop) {
        return;
      } catch (Exception slow) {
        // a survivor busy taking over may not answer in time: the next poll sees what this one missed
      }
      long wait = POLL_NANOS - (System.nanoTime() - asked);
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000L);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** What one answer shows, timed when it was asked for (the state it reports was reached by then). */
  private void see(JsonNode cluster, long asked) {
    double at = (asked - since) / 1e9;
    JsonNode found = null;
    for (JsonNode m : cluster.path("members")) if (m.path("node").asText().endsWith("@" + member)) found = m;
    if (found == null) {
      if (removed == null) removed = at;
      if (down == null) down = at;
      if (unreachable == null) unreachable = at;
      return;
    }
    if (unreachable == null) {
      for (JsonNode u : cluster.path("unreachable")) if (u.path("node").asText().endsWith("@" + member)) unreachable = at;
    }
    if (down == null && found.path("status").asText().equals("Down")) down = at;
  }

  @Override
  public void close() {
    running.set(false);
    poller.interrupt();
  }
}
