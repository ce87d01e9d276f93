package io.tenet.topology.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A change to an object's tags, applied by the object's entity to the tags it holds: adding or
 * removing one tag is decided there, one command at a time, so two clients tagging one object
 * at once both keep their tag.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
@JsonSubTypes({@JsonSubTypes.Type(value = TagChange.Replace.class, name = "replace"), @JsonSubTypes.Type(value = TagChange.Add.class, name = "add"),
    @JsonSubTypes.Type(value = TagChange.Remove.class, name = "remove")})
public sealed interface TagChange {
  /** The tags after the change, not yet validated. */
  List<String> applyTo(List<String> current);

  /** The tags become exactly {@code tags}. */
  record Replace(List<String> tags) implements TagChange {
    @Override
    public List<String> applyTo(List<String> current) {
      return tags;
    }
  }

  record Add(String tag) implements TagChange {
    @Override
    public List<String> applyTo(List<String> current) {
      List<String> next = new ArrayList<>(current);
      next.add(tag);
      return next;
    }
  }

  /** Removing a tag the object does not have changes nothing. */
  record Remove(String tag) implements TagChange {
    @Override
    public List<String> applyTo(List<String> current) {
      return current.stream().filter(t -> !t.equals(tag)).toList();
    }
  }
}
