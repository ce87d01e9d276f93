package io.tenet.topology.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tenet.persistence.TenetSerializable;
import java.util.function.Function;

/** The answer to every entity command: the resulting value, or the problem that refused it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({@JsonSubTypes.Type(value = Outcome.Ok.class, name = "ok"), @JsonSubTypes.Type(value = Outcome.Rejected.class, name = "rejected")})
public sealed interface Outcome<T> extends TenetSerializable {

  record Ok<T>(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "type") T value) implements Outcome<T> {}

  record Rejected<T>(Problem problem) implements Outcome<T> {}

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> rejected(Problem problem) {
    return new Rejected<>(problem);
  }

  /** A missing object named by a request field (network_id, tenant_id) is the request's fault: say which field. */
  default Outcome<T> notFoundAsField(String field) {
    if (this instanceof Rejected<T> rejected && rejected.problem().code() == ProblemCode.NOT_FOUND) {
      return new Rejected<>(new Problem(ProblemCode.NOT_FOUND, rejected.problem().message(), field));
    }
    return this;
  }

  default <R> Outcome<R> map(Function<T, R> mapping) {
    if (this instanceof Ok<T> ok) return new Ok<>(mapping.apply(ok.value()));
    return new Rejected<>(((Rejected<T>) this).problem());
  }

  /** The next step, if this one succeeded; a rejection passes through unchanged. */
  default <R> Outcome<R> flatMap(Function<T, Outcome<R>> next) {
    if (this instanceof Ok<T> ok) return next.apply(ok.value());
    return new Rejected<>(((Rejected<T>) this).problem());
  }
}
