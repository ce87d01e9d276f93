package io.tenet.cli;

/** The API refused a request (4xx/5xx) or could not be reached: the CLI prints {@link #getMessage()} and exits 1. */
final class ApiException extends Exception {
  ApiException(String message) {
    super(message);
  }
}
