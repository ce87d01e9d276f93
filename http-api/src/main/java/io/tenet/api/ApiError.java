package io.tenet.api;

import io.tenet.topology.model.Problem;

/** The error body: {@code {"error": {"code": ..., "message": ..., "field": ...}}}. */
public record ApiError(Detail error) {
  public record Detail(String code, String message, String field) {}

  public static ApiError of(String code, String message, String field) {
    return new ApiError(new Detail(code, message, field));
  }

  public static ApiError of(Problem problem) {
    return of(problem.code().wireName(), problem.message(), problem.field());
  }
}
