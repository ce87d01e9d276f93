package io.tenet.api.neutron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Neutron's tag filters on a list (pure): {@code tags} (every one of them), {@code tags-any} (at
 * least one), {@code not-tags} (not every one) and {@code not-tags-any} (none). Each takes tags
 * separated by commas; a filter given twice adds to itself.
 */
record NeutronTagFilter(List<String> all, List<String> any, List<String> notAll, List<String> notAny) {
  static final Set<String> PARAMETERS = Set.of("tags", "tags-any", "not-tags", "not-tags-any");

  static NeutronTagFilter none() {
    return new NeutronTagFilter(List.of(), List.of(), List.of(), List.of());
  }

  /** This filter with the tags of one more {@code parameter} (one of {@link #PARAMETERS}). */
  NeutronTagFilter with(String parameter, String value) {
    List<String> tags = Arrays.stream(value.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    return switch (parameter) {
      case "tags" -> new NeutronTagFilter(plus(all, tags), any, notAll, notAny);
      case "tags-any" -> new NeutronTagFilter(all, plus(any, tags), notAll, notAny);
      case "not-tags" -> new NeutronTagFilter(all, any, plus(notAll, tags), notAny);
      case "not-tags-any" -> new NeutronTagFilter(all, any, notAll, plus(notAny, tags));
      default -> throw new IllegalArgumentException("not a tag filter: " + parameter);
    };
  }

  boolean matches(Set<String> tags) {
    if (!tags.containsAll(all)) return false;
    if (!any.isEmpty() && any.stream().noneMatch(tags::contains)) return false;
    if (!notAll.isEmpty() && tags.containsAll(notAll)) return false;
    return notAny.stream().noneMatch(tags::contains);
  }

  private static List<String> plus(List<String> some, List<String> more) {
    List<String> both = new ArrayList<>(some);
    both.addAll(more);
    return List.copyOf(both);
  }
}
