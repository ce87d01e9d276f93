package io.tenet.topology.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Server-side ids: random for new objects, name-based where a retry must land on the same id. */
public final class Ids {
  private Ids() {}

  public static String random() {
    return UUID.randomUUID().toString();
  }

  /** The same parts always give the same id (UUID v3), e.g. a subnet of a network, or an idempotency key. */
  public static String derived(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
