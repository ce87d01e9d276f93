package io.tenet.switches.dhcp;

import java.util.Optional;

/** The DHCP message types of RFC 2131 (option 53). */
public enum DhcpMessageType {
  DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

  private final int code;

  DhcpMessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Empty for codes outside RFC 2131 (e.g. the lease-query family), which this server does not serve. */
  public static Optional<DhcpMessageType> of(int code) {
    for (DhcpMessageType type : values()) {
      if (type.code == code) return Optional.of(type);
    }
    return Optional.empty();
  }
}
