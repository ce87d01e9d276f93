package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;

/**
 * Who made a change and in which API request, recorded in the events a request causes so the
 * history can say it. {@code principal}: {@code admin} or {@code tenant:<id>};
 * {@code requestId}: the request's {@code X-Request-Id}.
 */
public record Origin(String principal, String requestId) implements TenetSerializable {
  public static final String ADMIN = "admin";

  public static Origin of(boolean admin, String tenantId, String requestId) {
    return new Origin(admin ? ADMIN : "tenant:" + tenantId, requestId);
  }
}
