package io.tenet.api;

import io.tenet.topology.EntityRefs;
import io.tenet.topology.health.JournalWriteCheck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * "Healthy" means this node accepts writes: a probe event was persisted recently. A probe's answer
 * is reused for a second ({@link JournalWriteCheck}) so health checks do not become journal load.
 * "Ready" (take traffic, go on with a rolling restart) is healthy and an Up cluster member;
 * "live" (do not restart it) is only that its actors still answer.
 */
final class HealthCheck {
  record Status(String status, String node, String reason) {}

  private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(2);
  /** Nobody registers under it: looking it up is just a question the receptionist actor answers. */
  private static final ServiceKey<Void> LIVENESS = ServiceKey.create(Void.class, "tenet-liveness");
  private final ActorSystem<?> system;
  /** This node's own probe entity: health proves that this node's writes reach the journal. */
  private final JournalWriteCheck journalWrites;

  HealthCheck(ActorSystem<?> system, EntityRefs entities) {
    this.system = system;
    String probeId = Cluster.get(system).selfMember().address().toString().replaceAll("[^A-Za-z0-9]", "_");
    this.journalWrites = new JournalWriteCheck(() -> entities.writeProbe(probeId));
  }

  /** Up in the cluster first (cheap, and a joining node's probe would wait for sharding), then the journal. */
  CompletionStage<Status> ready() {
    Member self = Cluster.get(system).selfMember();
    if (self.status() != MemberStatus.up()) {
      return CompletableFuture.completedFuture(new Status("unavailable", self.address().toString(),
          "this node is " + self.status() + " in the cluster, not Up"));
    }
    return check();
  }

  /** An actor round trip: the receptionist answers a lookup unless the actor system is stuck or stopping. */
  CompletionStage<Status> live() {
    String node = Cluster.get(system).selfMember().address().toString();
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(), replyTo -> Receptionist.find(LIVENESS, replyTo), LIVE_TIMEOUT, system.scheduler())
        .handle((listing, failure) -> failure == null ? new Status("ok", node, null)
            : new Status("unavailable", node, "the actor system did not answer within " + LIVE_TIMEOUT.toSeconds() + " s"));
  }

  CompletionStage<Status> check() {
    String node = Cluster.get(system).selfMember().address().toString();
    return journalWrites.get().thenApply(writable -> writable ? new Status("ok", node, null)
        : new Status("unavailable", node, "the journal did not confirm a write within " + JournalWriteCheck.TIMEOUT.toSeconds() + " s"));
  }

}
