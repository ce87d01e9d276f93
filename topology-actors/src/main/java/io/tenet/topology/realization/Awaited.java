package io.tenet.topology.realization;

/**
 * The answer of a change made with {@code wait=realized}: the object as last read and its
 * realization, which is {@link RealizationState#REALIZED} unless the wait timed out; null when it
 * could not be read (never counted as realized).
 */
public record Awaited<T>(T value, Realization realization) {
  public boolean realized() {
    return realization != null && realization.realized();
  }
}
