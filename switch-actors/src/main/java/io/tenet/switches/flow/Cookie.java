package io.tenet.switches.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names what made a flow: the top nibble is the kind of owner, the other 60 bits a hash of its id.
 * Reconciliation deletes and reads flows by cookie (OVS honours cookie masks exactly), and
 * {@code ovs-ofctl dump-flows} can be read back to the network, port or rule behind each flow.
 */
public record Cookie(Owner owner, String ownerId, long value) {
  public enum Owner {
    PIPELINE(0x1), NETWORK(0x2), PORT(0x3), RULE(0x4), ROUTER(0x5);

    private final long tag;

    Owner(long tag) {
      this.tag = tag;
    }
  }

  /** Selects every cookie of one owner kind: {@code cookie=value/KIND_MASK}. */
  public static final long KIND_MASK = 0xF000_0000_0000_0000L;

  public static Cookie of(Owner owner, String ownerId) {
    return new Cookie(owner, ownerId, (owner.tag << 60) | (hash(ownerId) & ~KIND_MASK));
  }

  public static Cookie pipeline() {
    return of(Owner.PIPELINE, "pipeline");
  }

  public String hex() {
    return "0x" + Long.toHexString(value);
  }

  private static long hash(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 8; i++) bits = (bits << 8) | (digest[i] & 0xff);
      return bits;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
