package io.tenet.api;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A moment in a query ({@code since}, {@code at}): an ISO-8601 instant, or a time ago such as {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}. Pure. */
final class TimeParameter {
  private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

  private TimeParameter() {}

  static Outcome<Instant> parse(String field, String value, Instant now) {
    Matcher ago = AGO.matcher(value);
    if (ago.matches()) {
      long amount = Long.parseLong(ago.group(1));
      Duration back = switch (ago.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
      return Outcome.ok(now.minus(back));
    }
    try {
      return Outcome.ok(Instant.parse(value));
    } catch (DateTimeParseException notATime) {
      return Outcome.rejected(Problem.invalid(field, field + " must be an ISO-8601 time such as 2026-12-06T10:00:00Z or a time ago such as 1h, not '" + value + "'"));
    }
  }
}
