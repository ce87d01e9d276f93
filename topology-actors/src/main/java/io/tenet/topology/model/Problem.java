package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;

/**
 * Why a command was refused: a code for programs, a sentence for people and, when one input
 * field is at fault, its name as the API spells it (e.g. {@code subnets[0].cidr}).
 */
public record Problem(ProblemCode code, String message, String field) implements TenetSerializable {

  public static Problem of(ProblemCode code, String message) {
    return new Problem(code, message, null);
  }

  public static Problem invalid(String field, String message) {
    return new Problem(ProblemCode.INVALID_VALUE, message, field);
  }

  public static Problem notFound(String what, String id) {
    return new Problem(ProblemCode.NOT_FOUND, what + " " + id + " does not exist", null);
  }

  public ProblemKind kind() {
    return code.kind();
  }
}
