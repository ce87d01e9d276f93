package io.tenet.topology.validation;

import static io.tenet.topology.model.ProblemException.invalid;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;

/** Checks a tenant's fields and ids given by clients. */
public final class TenantValidation {
  private TenantValidation() {}

  public static Outcome<String> name(String name) {
    return ProblemException.outcome(() -> {
      if (name == null || name.isBlank()) throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, "name is required", "name"));
      return Fields.name("name", name);
    });
  }

  /** A client-chosen id must be safe in URLs and logs. */
  public static Outcome<String> id(String field, String id) {
    return ProblemException.outcome(() -> {
      if (id == null) throw invalid(field, field + " is required");
      return Fields.id(field, id);
    });
  }
}
