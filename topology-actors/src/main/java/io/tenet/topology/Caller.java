package io.tenet.topology;

/** Who is asking: an administrator (sees every tenant) or one tenant (sees only its own objects). */
public record Caller(String tenantId, boolean admin) {
  public static Caller administrator() {
    return new Caller(null, true);
  }

  public static Caller tenant(String tenantId) {
    return new Caller(tenantId, false);
  }

  /** Whether an object owned by {@code ownerTenantId} is visible; invisible objects answer "not found". */
  public boolean sees(String ownerTenantId) {
    return admin || tenantId.equals(ownerTenantId);
  }
}
