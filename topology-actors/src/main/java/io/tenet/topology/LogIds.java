package io.tenet.topology;

import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Puts an entity's id into every line it logs, as {@code key=id} in the MDC entry {@code ids}
 * (the node's log pattern prints it), so one grep for a port, network or dpid finds its story.
 */
public final class LogIds {
  public static final String MDC_KEY = "ids";

  private LogIds() {}

  @SuppressWarnings("unchecked")
  public static <T> Behavior<T> tagged(String key, String id, Behavior<T> entity) {
    // Object: also while handling the persistence plugin's replies, not only the entity's own commands
    return Behaviors.withMdc((Class<T>) Object.class, Map.of(MDC_KEY, key + "=" + id), entity);
  }
}
