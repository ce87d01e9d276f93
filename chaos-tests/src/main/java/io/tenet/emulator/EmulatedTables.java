package io.tenet.emulator;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow table and group table of one emulated switch, kept as the wire bytes the controller
 * sent: a flow is its table, priority and match bytes (the key, as OpenFlow's strict identity),
 * its cookie and its instruction bytes. What a flow-stats reply reads back is therefore exactly
 * what went in, as on OVS. Synchronized: a switch may have a connection per controller, each on its own event loop.
 */
final class EmulatedTables {
  /** OFPTT_ALL. */
  static final int ALL_TABLES = 0xff;
  /** OFPG_ALL. */
  static final long ALL_GROUPS = 0xfffffffcL;

  record FlowKey(int table, int priority, byte[] match) {
    @Override
    public boolean equals(Object o) {
      return o instanceof FlowKey k && k.table == table && k.priority == priority && Arrays.equals(k.match, match);
    }

    @Override
    public int hashCode() {
      return (table * 31 + priority) * 31 + Arrays.hashCode(match);
    }
  }

  record Flow(FlowKey key, long cookie, byte[] instructions) {}

  record Group(long groupId, int type, byte[] buckets) {}

  private final Map<FlowKey, Flow> flows = new LinkedHashMap<>();
  private final Map<Long, Group> groups = new LinkedHashMap<>();
  private long flowModsApplied;

  /** An OFPT_FLOW_MOD body after the header (offset 8 of the frame). */
  synchronized void flowMod(ByteBuf frame) {
    long cookie = frame.getLong(8);
    long cookieMask = frame.getLong(16);
    int table = frame.getUnsignedByte(24);
    int command = frame.getUnsignedByte(25);
    int priority = frame.getUnsignedShort(30);
    int matchStart = 48;
    int matchLength = frame.getUnsignedShort(matchStart + 2);
    int instructionsStart = matchStart + (matchLength + 7) / 8 * 8;
    byte[] match = bytes(frame, matchStart, instructionsStart - matchStart);
    byte[] instructions = bytes(frame, instructionsStart, frame.getUnsignedShort(2) - instructionsStart);
    FlowKey key = new FlowKey(table, priority, match);
    flowModsApplied++;
    switch (command) {
      case 0, 1, 2 -> flows.put(key, new Flow(key, cookie, instructions)); // add, modify: the emulator replaces, as an add does
      case 3 -> flows.values().removeIf(f -> (table == ALL_TABLES || f.key().table() == table) && (f.cookie() & cookieMask) == (cookie & cookieMask)
          && (matchLength <= 4 || f.key().equals(new FlowKey(f.key().table(), f.key().priority(), match))));
      case 4 -> flows.remove(key);
      default -> { }
    }
  }

  /** An OFPT_GROUP_MOD. */
  synchronized void groupMod(ByteBuf frame) {
    int command = frame.getUnsignedShort(8);
    int type = frame.getUnsignedByte(10);
    long groupId = frame.getUnsignedInt(12);
    byte[] buckets = bytes(frame, 16, frame.getUnsignedShort(2) - 16);
    switch (command) {
      case 0, 1 -> groups.put(groupId, new Group(groupId, type, buckets));
      case 2 -> {
        if (groupId == ALL_GROUPS) groups.clear();
        else groups.remove(groupId);
      }
      default -> { }
    }
  }

  synchronized List<Flow> flows(int table, long cookie, long cookieMask) {
    List<Flow> selected = new ArrayList<>();
    for (Flow f : flows.values()) {
      if ((table == ALL_TABLES || f.key().table() == table) && (f.cookie() & cookieMask) == (cookie & cookieMask)) selected.add(f);
    }
    return selected;
  }

  synchronized List<Group> groups() {
    return List.copyOf(groups.values());
  }

  synchronized int flowCount() {
    return flows.size();
  }

  synchronized long flowModsApplied() {
    return flowModsApplied;
  }

  private static byte[] bytes(ByteBuf frame, int from, int length) {
    byte[] out = new byte[length];
    frame.getBytes(from, out);
    return out;
  }
}
