package io.tenet.api;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.service.TenantService;
import io.tenet.topology.tenant.TenantEntity.TenantRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Turns a token into a {@link Caller}: the admin token, or a tenant's token checked against its stored hash. Both APIs use it. */
public final class Authenticator {
  private final String adminToken;
  private final TenantService tenants;

  public Authenticator(String adminToken, TenantService tenants) {
    this.adminToken = adminToken;
    this.tenants = tenants;
  }

  /** Empty when the token is unknown; a failed stage when the store cannot say. */
  public CompletionStage<Optional<Caller>> authenticate(String token) {
    if (TenantTokens.sameSecret(token, adminToken)) return CompletableFuture.completedFuture(Optional.of(Caller.administrator()));
    Optional<TenantTokens.Parsed> parsed = TenantTokens.parse(token);
    if (parsed.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
    String tenantId = parsed.get().tenantId();
    String hash = TenantTokens.hash(parsed.get().secret());
    return tenants.record(tenantId).thenApply(outcome -> {
      if (outcome instanceof Outcome.Ok<TenantRecord> ok && TenantTokens.sameSecret(ok.value().tokenHash(), hash)) {
        return Optional.of(Caller.tenant(tenantId));
      }
      if (outcome instanceof Outcome.Rejected<TenantRecord> rejected && rejected.problem().kind() == io.tenet.topology.model.ProblemKind.UNAVAILABLE) {
        throw new StoreUnavailable();
      }
      return Optional.empty();
    });
  }

  static final class StoreUnavailable extends RuntimeException {
    StoreUnavailable() {
      super("tenant store unavailable", null, false, false);
    }
  }
}
