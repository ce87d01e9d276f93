package io.tenet.api;

import io.tenet.topology.model.ProblemKind;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** One HTTP status per kind of refusal. */
final class ProblemStatus {
  private ProblemStatus() {}

  static StatusCode of(ProblemKind kind) {
    return switch (kind) {
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case INVALID -> StatusCodes.UNPROCESSABLE_ENTITY;
      case CONFLICT -> StatusCodes.CONFLICT;
      case FORBIDDEN -> StatusCodes.FORBIDDEN;
      case UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
      case TIMED_OUT -> StatusCodes.GATEWAY_TIMEOUT;
    };
  }
}
