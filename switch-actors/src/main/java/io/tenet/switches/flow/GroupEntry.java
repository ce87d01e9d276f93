package io.tenet.switches.flow;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An OpenFlow group: of type ALL, the packet is copied to every bucket (a network's flood list); of
 * type FAST_FAILOVER, it takes the first live bucket, a bucket being live while the port it
 * watches is (for a tunnel with BFD: while BFD says the peer is there). OVS refuses a
 * fast-failover bucket that watches nothing, so one meant to be always live watches the
 * {@link #ALWAYS_LIVE} group, an INDIRECT group, which is live by having no liveness of its own.
 */
public record GroupEntry(long groupId, Type type, List<Bucket> buckets, Cookie cookie) {
  /** The group always-live fast-failover buckets watch; it drops whatever is sent to it (nothing is). */
  public static final long ALWAYS_LIVE = 0x3000_0000L;

  public enum Type {
    ALL(0, "all"), INDIRECT(2, "indirect"), FAST_FAILOVER(3, "fast_failover");

    private final int code;
    private final String ofctlName;

    Type(int code, String ofctlName) {
      this.code = code;
      this.ofctlName = ofctlName;
    }

    /** OpenFlow 1.3 ofp_group_type. */
    public int code() {
      return code;
    }
  }

  /** A bucket's actions, and the port whose liveness it follows (null: none, always live). No actions: the packet is dropped. */
  public record Bucket(Long watchPort, List<Action> actions) {
    public Bucket {
      actions = List.copyOf(actions);
    }

    public static Bucket always(List<Action> actions) {
      return new Bucket(null, actions);
    }

    public static Bucket watching(long port, List<Action> actions) {
      return new Bucket(port, actions);
    }

    String ofctl(Type type) {
      String watch = watchPort != null ? "watch_port:" + watchPort + ",actions=" : type == Type.FAST_FAILOVER ? "watch_group:" + ALWAYS_LIVE + ",actions=" : "";
      return watch + (actions.isEmpty() ? "drop" : actions.stream().map(Action::ofctl).collect(Collectors.joining(",")));
    }
  }

  public GroupEntry {
    buckets = List.copyOf(buckets);
    if (type != Type.FAST_FAILOVER && buckets.stream().anyMatch(bucket -> bucket.watchPort() != null)) {
      throw new IllegalArgumentException("only a fast-failover group's buckets watch a port: group " + groupId);
    }
    if (type == Type.INDIRECT && buckets.size() != 1) throw new IllegalArgumentException("an indirect group has one bucket: group " + groupId);
  }

  /** The group always-live buckets watch; a part of the tables with a fast-failover group holds it too. */
  public static GroupEntry alwaysLive() {
    return new GroupEntry(ALWAYS_LIVE, Type.INDIRECT, List.of(Bucket.always(List.of())), Cookie.pipeline());
  }

  /** A group of type ALL. */
  public GroupEntry(long groupId, List<List<Action>> buckets, Cookie cookie) {
    this(groupId, Type.ALL, buckets.stream().map(Bucket::always).toList(), cookie);
  }

  /** As {@code ovs-ofctl add-group} takes it. */
  public String ofctl() {
    return "group_id=" + groupId + ",type=" + type.ofctlName + buckets.stream().map(bucket -> ",bucket=" + bucket.ofctl(type)).collect(Collectors.joining());
  }
}
