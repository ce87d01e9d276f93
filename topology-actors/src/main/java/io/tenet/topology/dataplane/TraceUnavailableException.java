package io.tenet.topology.dataplane;

/** The datapath of a trace cannot answer now (it has not reported its ports, or its node is gone); retry. */
public final class TraceUnavailableException extends RuntimeException {
  public TraceUnavailableException(String message) {
    super(message);
  }
}
