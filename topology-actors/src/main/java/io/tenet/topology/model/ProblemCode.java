package io.tenet.topology.model;

import java.util.Locale;

/** Machine-readable reason for a refusal. The wire form is the lower-case name, e.g. {@code ip_in_use}. */
public enum ProblemCode {
  NOT_FOUND(ProblemKind.NOT_FOUND),
  INVALID_VALUE(ProblemKind.INVALID),
  MISSING_VALUE(ProblemKind.INVALID),
  NOT_UPDATABLE(ProblemKind.INVALID),
  ALREADY_EXISTS(ProblemKind.CONFLICT),
  IDEMPOTENCY_KEY_REUSED(ProblemKind.CONFLICT),
  IP_IN_USE(ProblemKind.CONFLICT),
  MAC_IN_USE(ProblemKind.CONFLICT),
  SUBNET_EXHAUSTED(ProblemKind.CONFLICT),
  OVERLAPPING_SUBNET(ProblemKind.CONFLICT),
  SUBNET_IN_USE(ProblemKind.CONFLICT),
  NETWORK_HAS_PORTS(ProblemKind.CONFLICT),
  VNI_IN_USE(ProblemKind.CONFLICT),
  VNI_EXHAUSTED(ProblemKind.CONFLICT),
  IN_USE(ProblemKind.CONFLICT),
  OWNED_BY_ROUTER(ProblemKind.CONFLICT),
  ROUTER_HAS_INTERFACES(ProblemKind.CONFLICT),
  PORT_SECURITY_DISABLED(ProblemKind.CONFLICT),
  BEING_DELETED(ProblemKind.CONFLICT),
  /** The object changed since the revision the change was made against (read, change, write back). */
  REVISION_MISMATCH(ProblemKind.CONFLICT),
  /** A flat segment or VLAN of a physical network that another external network (or gateway) holds. */
  SEGMENT_IN_USE(ProblemKind.CONFLICT),
  /** The change is not for an external network (ports and router interfaces on one are made by Tenet itself). */
  EXTERNAL_NETWORK(ProblemKind.CONFLICT),
  /** A floating IP's port is not behind a router with a gateway on the floating IP's external network. */
  EXTERNAL_UNREACHABLE(ProblemKind.CONFLICT),
  /** No hypervisor that may host gateways is linked to the external network's physical network. */
  NO_GATEWAY_HOST(ProblemKind.CONFLICT),
  /** Only an administrator may do this (external networks are the operator's). */
  ADMIN_ONLY(ProblemKind.FORBIDDEN),
  STORAGE_UNAVAILABLE(ProblemKind.UNAVAILABLE),
  /** {@code wait=realized}: some datapath did not confirm the change within the timeout. */
  NOT_REALIZED(ProblemKind.TIMED_OUT);

  private final ProblemKind kind;

  ProblemCode(ProblemKind kind) {
    this.kind = kind;
  }

  public ProblemKind kind() {
    return kind;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
