package io.tenet.switches.reconcile;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A switch's flows by their key, kept as the flows themselves in one open-addressing table (linear
 * probing, at most half full). A {@code HashMap} spent a 32-byte node on each flow, and installed
 * tables hold every flow of every datapath a node masters: about 100 per port in bench fleet, a
 * tenth of a port's heap. Not thread-safe: it belongs to one {@link InstalledTables}.
 */
final class FlowsByKey {
  private SwitchFlow[] slots = new SwitchFlow[16];
  private int size;

  FlowsByKey(Map<FlowKey, SwitchFlow> flows) {
    flows.values().forEach(this::put);
  }

  int size() {
    return size;
  }

  boolean containsKey(FlowKey key) {
    return slots[slotOf(key)] != null;
  }

  /** Adds {@code flow}, or replaces the flow with its key. */
  void put(SwitchFlow flow) {
    int slot = slotOf(flow.key());
    if (slots[slot] == null) {
      if (2 * (size + 1) > slots.length) {
        grow();
        slot = slotOf(flow.key());
      }
      size++;
    }
    slots[slot] = flow;
  }

  void remove(FlowKey key) {
    int hole = slotOf(key);
    if (slots[hole] == null) return;
    slots[hole] = null;
    size--;
    // close the hole: a later flow of the same run whose home is not between the hole and itself moves into it
    int mask = slots.length - 1;
    for (int next = (hole + 1) & mask; slots[next] != null; next = (next + 1) & mask) {
      int home = home(slots[next].key(), mask);
      boolean homeInRange = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (!homeInRange) {
        slots[hole] = slots[next];
        slots[next] = null;
        hole = next;
      }
    }
  }

  void removeIf(Predicate<SwitchFlow> condition) {
    SwitchFlow[] before = slots;
    slots = new SwitchFlow[before.length];
    size = 0;
    for (SwitchFlow flow : before) {
      if (flow != null && !condition.test(flow)) put(flow);
    }
  }

  Map<FlowKey, SwitchFlow> toMap() {
    Map<FlowKey, SwitchFlow> flows = new HashMap<>(2 * size);
    for (SwitchFlow flow : slots) {
      if (flow != null) flows.put(flow.key(), flow);
    }
    return flows;
  }

  /** The slot holding the flow with {@code key}, or the empty slot where it would go. */
  private int slotOf(FlowKey key) {
    int mask = slots.length - 1;
    int slot = home(key, mask);
    while (slots[slot] != null && !slots[slot].key().equals(key)) slot = (slot + 1) & mask;
    return slot;
  }

  private static int home(FlowKey key, int mask) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }

  private void grow() {
    SwitchFlow[] before = slots;
    slots = new SwitchFlow[before.length * 2];
    size = 0;
    for (SwitchFlow flow : before) {
      if (flow != null) put(flow);
    }
  }
}
