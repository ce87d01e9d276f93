package io.tenet.topology.dataplane;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The datapaths that asked an entity (router, security group, network they route to) for its
 * data-plane view and get every later one pushed: kept in memory only, since each datapath asks
 * again on its anti-entropy round, so an entity that restarted relearns them within that period.
 * Owned by one entity's actor; not thread-safe.
 */
public final class DataplaneWatchers {
  private final Map<String, String> hostnames = new TreeMap<>();

  /** {@code hostname} may be null where the entity does not show it. */
  public void watch(String datapathId, String hostname) {
    hostnames.put(datapathId, hostname);
  }

  public void stop(String datapathId) {
    hostnames.remove(datapathId);
  }

  /** Datapath id to hypervisor name, in id order. */
  public Map<String, String> hostnames() {
    return Collections.unmodifiableMap(hostnames);
  }

  /** Calls {@code send} for each watcher; one failing stops neither the others nor the entity. */
  public void each(Consumer<String> send, Logger log, String what) {
    for (String datapathId : hostnames.keySet()) {
      try {
        send.accept(datapathId);
      } catch (RuntimeException e) {
        log.warn("{}: publishing to datapath {} failed", what, datapathId, e);
      }
    }
  }
}
