package io.tenet.api;

import io.tenet.topology.EntityRefs;
import io.tenet.topology.health.WriteProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * "Healthy" means this node accepts writes: a probe event was persisted recently. The last good
 * probe is reused for a second so health checks do not become journal load.
 */
final class HealthCheck {
  record Status(String status, String node, String reason) {}

  private static final Duration REUSE = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final ActorSystem<?> system;
  private final EntityRefs entities;
  private final AtomicReference<Instant> lastGood = new AtomicReference<>(Instant.EPOCH);

  HealthCheck(ActorSystem<?> system, EntityRefs entities) {
    this.system = system;
    this.entities = entities;
  }

  CompletionStage<Status> check() {
    String node = Cluster.get(system).selfMember().address().toString();
    if (lastGood.get().plus(REUSE).isAfter(Instant.now())) return CompletableFuture.completedFuture(new Status("ok", node, null));
    String probeId = node.replaceAll("[^A-Za-z0-9]", "_");
    return AskPattern.<WriteProbe.Command, WriteProbe.Probed>ask(entities.writeProbe(probeId), WriteProbe.Probe::new, TIMEOUT, system.scheduler())
        .handle((probed, failure) -> {
          if (failure != null) return new Status("unavailable", node, "the journal did not confirm a write within " + TIMEOUT.toSeconds() + " s");
          lastGood.set(Instant.now());
          return new Status("ok", node, null);
        });
  }
}
