package io.tenet.switches.datapath;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Makes sure the entity of every datapath connected to this node runs somewhere in the cluster.
 * A wake-up is a sharding message; one can be lost (a shard starting or moving while a thousand
 * switches connect at once), and nothing else would start that datapath's entity. So each wake-up
 * waits for the entity's answer, and {@link #retry} wakes again every connected datapath whose
 * entity has not answered since it connected. Thread-safe: Netty's loops and timers call it.
 */
final class Wakeups {
  private final Function<String, CompletionStage<?>> wake;
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /** {@code wake} sends the wake-up and completes when the entity answered. */
  Wakeups(Function<String, CompletionStage<?>> wake) {
    this.wake = wake;
  }

  /** The datapath connected (again): its entity is woken and must answer anew. */
  void connected(String datapathId) {
    confirmed.remove(datapathId);
    send(datapathId);
  }

  /** Wakes, again, each of {@code connected} whose entity has not answered. */
  void retry(Set<String> connected) {
    for (String datapathId : connected) if (!confirmed.contains(datapathId)) send(datapathId);
  }

  boolean confirmed(String datapathId) {
    return confirmed.contains(datapathId);
  }

  private void send(String datapathId) {
    if (!inFlight.add(datapathId)) return;
    wake.apply(datapathId).whenComplete((answer, failure) -> {
      inFlight.remove(datapathId);
      if (failure == null) confirmed.add(datapathId);
    });
  }
}
