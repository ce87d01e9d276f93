package io.tenet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tenet.topology.model.Problem;
import io.tenet.topology.realization.DatapathRealization;
import java.util.List;

/**
 * The error body: {@code {"error": {"code": ..., "message": ..., "field": ...}}}; a change that
 * was not realized in time also lists the datapaths still {@code missing}.
 */
public record ApiError(Detail error) {
  public record Detail(String code, String message, String field, @JsonInclude(JsonInclude.Include.NON_NULL) List<DatapathRealization> missing) {}

  public static ApiError of(String code, String message, String field) {
    return new ApiError(new Detail(code, message, field, null));
  }

  public static ApiError notRealized(Problem problem, List<DatapathRealization> missing) {
    return new ApiError(new Detail(problem.code().wireName(), problem.message(), problem.field(), missing));
  }

  public static ApiError of(Problem problem) {
    return of(problem.code().wireName(), problem.message(), problem.field());
  }
}
