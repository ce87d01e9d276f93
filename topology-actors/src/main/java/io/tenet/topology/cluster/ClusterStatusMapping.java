package io.tenet.topology.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns membership and per-entity-type shard statistics into a {@link ClusterStatus} (pure). */
public final class ClusterStatusMapping {
  /** Pekko gives every member a "dc-<data center>" role itself; it names no role an operator chose. */
  private static final String DATA_CENTER_ROLE_PREFIX = "dc-";

  private ClusterStatusMapping() {}

  /**
   * {@code perType} holds, for each entity type, the members whose shard region answered and what
   * they host. A member missing from any type's answer gets null counts: a partial sum would look
   * like a real (smaller) number.
   */
  public static ClusterStatus status(String self, String leader, List<MemberFacts> members, List<Map<String, HostedShards>> perType) {
    List<ClusterMember> mapped = members.stream()
        .sorted(Comparator.comparing(MemberFacts::address))
        .map(member -> member(member, leader, perType))
        .toList();
    return new ClusterStatus(self, leader, mapped);
  }

  private static ClusterMember member(MemberFacts member, String leader, List<Map<String, HostedShards>> perType) {
    Integer shards = null;
    Integer entities = null;
    if (perType.stream().allMatch(type -> type.containsKey(member.address()))) {
      shards = perType.stream().mapToInt(type -> type.get(member.address()).shards()).sum();
      entities = perType.stream().mapToInt(type -> type.get(member.address()).entities()).sum();
    }
    List<String> roles = member.roles().stream().filter(role -> !role.startsWith(DATA_CENTER_ROLE_PREFIX)).sorted().toList();
    return new ClusterMember(member.address(), statusName(member.pekkoStatus()), roles, member.reachable(), member.address().equals(leader), shards, entities);
  }

  /** "WeaklyUp" -> "weakly_up", "Up" -> "up". */
  public static String statusName(String pekkoStatus) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < pekkoStatus.length(); i++) {
      char c = pekkoStatus.charAt(i);
      if (Character.isUpperCase(c) && i > 0) name.append('_');
      name.append(Character.toLowerCase(c));
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }
}
