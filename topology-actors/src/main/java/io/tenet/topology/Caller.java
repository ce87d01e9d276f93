package io.tenet.topology;

import io.tenet.topology.model.Origin;

/**
 * Who is asking: an administrator (sees every tenant) or one tenant (sees only its own objects),
 * and the request it is asking in ({@code requestId}, null outside the API), which the events it
 * causes record.
 */
public record Caller(String tenantId, boolean admin, String requestId) {
  public static Caller administrator() {
    return new Caller(null, true, null);
  }

  public static Caller tenant(String tenantId) {
    return new Caller(tenantId, false, null);
  }

  public Caller inRequest(String id) {
    return new Caller(tenantId, admin, id);
  }

  public Origin origin() {
    return Origin.of(admin, tenantId, requestId);
  }

  /** Whether an object owned by {@code ownerTenantId} is visible; invisible objects answer "not found". */
  public boolean sees(String ownerTenantId) {
    return admin || tenantId.equals(ownerTenantId);
  }
}
