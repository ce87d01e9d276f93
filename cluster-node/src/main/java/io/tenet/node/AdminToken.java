package io.tenet.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The administrator's bearer token: {@code TENET_ADMIN_TOKEN} if set, else the one kept in
 * {@code $TENET_HOME/admin-token}, else a new random one written there (mode 0600).
 */
final class AdminToken {
  private AdminToken() {}

  static String resolve(Path home) throws IOException {
    String fromEnv = System.getenv("TENET_ADMIN_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) return fromEnv.trim();
    Path file = home.resolve("admin-token");
    if (Files.exists(file)) return Files.readString(file).trim();
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String token = "adm." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.createDirectories(home);
    Files.writeString(file, token + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return token;
  }
}
