package io.tenet.api.console;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened, as the console's event list names it. */
public enum ConsoleEventKind {
  MEMBER_JOINED,
  MEMBER_STATUS_CHANGED,
  MEMBER_UNREACHABLE,
  MEMBER_REACHABLE,
  MEMBER_LEFT,
  DATAPATH_CONNECTED,
  DATAPATH_DISCONNECTED,
  DATAPATH_MASTERED,
  DATAPATH_MOVED,
  DATAPATH_UNANSWERED,
  TENANT_CREATED,
  NETWORK_CREATED,
  NETWORK_DELETED,
  PORT_CREATED,
  PORT_DELETED,
  PORT_BOUND,
  PORT_UNBOUND,
  ROUTER_CREATED,
  ROUTER_DELETED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
