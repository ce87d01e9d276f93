package io.tenet.api.neutron;

/** Thrown while reading a Neutron request that cannot be taken; the routes answer with its error and change nothing. */
final class NeutronRefused extends RuntimeException {
  private final NeutronError error;

  NeutronRefused(NeutronError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  NeutronError error() {
    return error;
  }
}
