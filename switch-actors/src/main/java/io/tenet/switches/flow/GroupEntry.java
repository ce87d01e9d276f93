package io.tenet.switches.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A group of type ALL: the packet is copied to every bucket (a network's flood list). */
public record GroupEntry(long groupId, List<List<Action>> buckets, Cookie cookie) {
  public GroupEntry {
    buckets = buckets.stream().map(List::copyOf).toList();
  }

  /** As {@code ovs-ofctl add-group} takes it. */
  public String ofctl() {
    return "group_id=" + groupId + ",type=all" + buckets.stream()
        .map(bucket -> ",bucket=" + bucket.stream().map(Action::ofctl).collect(Collectors.joining(",")))
        .collect(Collectors.joining());
  }
}
