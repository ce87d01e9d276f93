package io.tenet.topology.model;

import java.util.List;
import java.util.TreeSet;

/**
 * Free-form labels on a network, subnet, port, router, security group or floating IP: nothing
 * in Tenet reads them, clients filter by them. Kept sorted and without duplicates, so a set of
 * tags has one stored form whatever order it was given in.
 */
public final class Tags {
  /** Neutron's limit for one tag; a longer one would not survive a round trip through its clients. */
  public static final int MAX_LENGTH = 60;
  /** Far more than labelling needs, few enough that a list with tags stays small. */
  public static final int MAX_COUNT = 50;

  private Tags() {}

  /** The tags as stored, or the first reason they cannot be. */
  public static Outcome<List<String>> validate(List<String> tags) {
    if (tags == null) return Outcome.rejected(Problem.invalid("tags", "tags must be a list of strings"));
    TreeSet<String> sorted = new TreeSet<>();
    for (String tag : tags) {
      if (tag == null || tag.isBlank()) return Outcome.rejected(Problem.invalid("tags", "a tag cannot be empty"));
      if (tag.length() > MAX_LENGTH) {
        return Outcome.rejected(Problem.invalid("tags", "tag '" + tag + "' is longer than " + MAX_LENGTH + " characters"));
      }
      // a comma separates tags in list filters (tags=a,b): a tag holding one could never be matched
      if (tag.indexOf(',') >= 0) return Outcome.rejected(Problem.invalid("tags", "tag '" + tag + "' contains a comma"));
      if (!tag.equals(tag.strip())) return Outcome.rejected(Problem.invalid("tags", "tag '" + tag + "' begins or ends with white space"));
      sorted.add(tag);
    }
    if (sorted.size() > MAX_COUNT) return Outcome.rejected(Problem.invalid("tags", "at most " + MAX_COUNT + " tags, not " + sorted.size()));
    return Outcome.ok(List.copyOf(sorted));
  }

  /** The tags {@code change} leaves on an object tagged {@code current}, validated. */
  public static Outcome<List<String>> changed(List<String> current, TagChange change) {
    return validate(change.applyTo(current));
  }
}
