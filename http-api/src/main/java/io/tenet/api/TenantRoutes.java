package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.TenantView;
import io.tenet.topology.service.TenantService;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/tenants}: administrators only; the create answer carries the tenant's token, once. */
final class TenantRoutes extends RouteSupport {
  /** A create request: a name and optionally a client-chosen id. */
  record TenantRequest(String id, String name) {}

  /** The create answer. */
  record TenantWithToken(TenantView tenant, String token) {}

  private final TenantService tenants;
  private final String adminToken;

  TenantRoutes(TenantService tenants, String adminToken) {
    this.tenants = tenants;
    this.adminToken = adminToken;
  }

  Route route(Caller caller) {
    return pathPrefix("tenants", () -> {
      if (!caller.admin()) return complete(error(StatusCodes.NOT_FOUND, "not_found", "no such resource", null));
      return concat(
          pathEnd(() -> concat(
              get(() -> respondList(tenants.list(), "tenants", all -> all)),
              post(() -> body(TenantRequest.class, request -> optionalHeaderValueByName(IDEMPOTENCY_KEY, key ->
                  newId(caller, "tenant", request.id(), id -> create(caller, id, request.name(), key))))))),
          path(segment(), id -> get(() -> respond(tenants.get(id), StatusCodes.OK))));
    });
  }

  private Route create(Caller caller, String tenantId, String name, Optional<String> key) {
    String secret = key.filter(k -> !k.isBlank()).map(k -> TenantTokens.derivedSecret(adminToken, tenantId + "\u0000" + k)).orElseGet(TenantTokens::randomSecret);
    return onSuccess(tenants.create(tenantId, name, TenantTokens.hash(secret), caller.origin()), outcome -> {
      if (outcome instanceof Outcome.Ok<TenantView> ok) {
        return complete(json(StatusCodes.CREATED, new TenantWithToken(ok.value(), TenantTokens.format(tenantId, secret)))
            .addHeader(Location.create("/v1/tenants/" + tenantId)));
      }
      return complete(problem(((Outcome.Rejected<TenantView>) outcome).problem()));
    });
  }
}
