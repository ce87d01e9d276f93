package io.tenet.switches.openflow;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;

/** The switch answered a request with an OpenFlow ERROR; the message says which (e.g. OFPRRFC_STALE). */
public final class OpenFlowErrorException extends RuntimeException {
  private final transient OFErrorMsg error;

  public OpenFlowErrorException(String switchName, OFErrorMsg error) {
    super(switchName + " refused xid " + error.getXid() + ": " + error);
    this.error = error;
  }

  public OFErrorMsg error() {
    return error;
  }

  /** The switch's refusal behind {@code failure} (as a future's completion wraps it), or null if it is something else. */
  public static OpenFlowErrorException in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OpenFlowErrorException refused) return refused;
    }
    return null;
  }
}
