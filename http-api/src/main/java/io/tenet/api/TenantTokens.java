package io.tenet.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tenant API tokens look like {@code tnt.<tenant id>.<secret>}: the tenant id routes the check
 * to the tenant's entity, which stores only the SHA-256 of the secret. With an
 * Idempotency-Key the secret is derived from the admin token and the key, so a retried
 * create hands back the same token without it ever being stored.
 */
public final class TenantTokens {
  private static final String PREFIX = "tnt.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TenantTokens() {}

  public record Parsed(String tenantId, String secret) {}

  public static String format(String tenantId, String secret) {
    return PREFIX + tenantId + "." + secret;
  }

  public static Optional<Parsed> parse(String token) {
    if (!token.startsWith(PREFIX)) return Optional.empty();
    int dot = token.lastIndexOf('.');
    if (dot <= PREFIX.length()) return Optional.empty();
    return Optional.of(new Parsed(token.substring(PREFIX.length(), dot), token.substring(dot + 1)));
  }

  public static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String derivedSecret(String adminToken, String idempotencyKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(adminToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("tenant-token\u0000" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  public static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Compares in time independent of where the strings differ. */
  public static boolean sameSecret(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
