package io.tenet.switches.openflow;

/** A desired flow that cannot be expressed in OpenFlow 1.3 as this controller writes it: a compiler bug, never a switch problem. */
public final class UnsupportedFlowException extends IllegalArgumentException {
  public UnsupportedFlowException(String message) {
    super(message);
  }
}
