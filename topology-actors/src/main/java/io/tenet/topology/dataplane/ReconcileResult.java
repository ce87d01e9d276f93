package io.tenet.topology.dataplane;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a datapath's last reconciliation ended: the switch already held what it should
 * ({@code in_sync}), the difference was sent and confirmed ({@code applied}), or sending it failed
 * ({@code failed}; the tables are read again and compared anew).
 */
public enum ReconcileResult {
  IN_SYNC, APPLIED, FAILED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ReconcileResult of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
