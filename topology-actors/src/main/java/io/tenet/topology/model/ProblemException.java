package io.tenet.topology.model;

import java.util.function.Supplier;

/**
 * Lets pure validation code stop at the first problem without threading results through
 * every helper; {@link #outcome} turns it back into a value at the function's boundary.
 */
public final class ProblemException extends RuntimeException {
  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.message(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static <T> Outcome<T> outcome(Supplier<T> computation) {
    try {
      return Outcome.ok(computation.get());
    } catch (ProblemException refused) {
      return Outcome.rejected(refused.problem());
    }
  }

  public static void require(boolean condition, Problem problem) {
    if (!condition) throw new ProblemException(problem);
  }

  public static ProblemException invalid(String field, String message) {
    return new ProblemException(Problem.invalid(field, message));
  }
}
