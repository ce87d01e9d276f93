package io.tenet.api;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ?wait=realized&timeout=5s} on a change: how long to wait for the data plane, or no wait
 * (an empty value). Pure, so every refusal is tested without a server.
 */
final class RealizationWaitParameters {
  static final String REALIZED = "realized";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s)?");

  private RealizationWaitParameters() {}

  static Outcome<Optional<Duration>> parse(Optional<String> wait, Optional<String> timeout) {
    if (wait.isEmpty()) {
      return timeout.isPresent() ? Outcome.rejected(Problem.invalid("timeout", "timeout applies only with wait=realized"))
          : Outcome.ok(Optional.empty());
    }
    if (!REALIZED.equals(wait.get())) return Outcome.rejected(Problem.invalid("wait", "wait must be 'realized', not '" + wait.get() + "'"));
    if (timeout.isEmpty()) return Outcome.ok(Optional.of(DEFAULT_TIMEOUT));
    Matcher m = DURATION.matcher(timeout.get());
    if (!m.matches()) return Outcome.rejected(Problem.invalid("timeout", "timeout must look like 5s or 500ms, not '" + timeout.get() + "'"));
    long amount = Long.parseLong(m.group(1));
    Duration parsed = "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    if (parsed.isZero() || parsed.compareTo(MAX_TIMEOUT) > 0) {
      return Outcome.rejected(Problem.invalid("timeout", "timeout must be more than 0 and at most " + MAX_TIMEOUT.toSeconds() + "s"));
    }
    return Outcome.ok(Optional.of(parsed));
  }
}
