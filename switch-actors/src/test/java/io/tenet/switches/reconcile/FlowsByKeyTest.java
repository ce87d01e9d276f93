package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.switches.openflow.WireMatch;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FlowsByKey against a HashMap, through random puts, replacements, removals and scoped clears. */
class FlowsByKeyTest {
  private static SwitchFlow flow(int table, int priority, long cookie) {
    return new SwitchFlow(new FlowKey(table, priority, WireMatch.ANY), cookie, new byte[] {(byte) cookie});
  }

  @Test
  void holdsExactlyWhatAMapWouldThroughARandomWalk() {
    walk(8, 300); // thousands of keys: the table grows, runs of colliding slots form and break
    walk(2, 6); // at most 12 keys in 32 slots: runs often wrap around the table's end
  }

  private static void walk(int tables, int priorities) {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      Map<FlowKey, SwitchFlow> expected = new HashMap<>();
      FlowsByKey flows = new FlowsByKey(Map.of());
      for (int step = 0; step < 20_000; step++) {
        SwitchFlow flow = flow(random.nextInt(tables), random.nextInt(priorities), random.nextInt(4));
        int action = random.nextInt(100);
        if (action < 55) {
          expected.put(flow.key(), flow);
          flows.put(flow);
        } else if (action < 98) {
          expected.remove(flow.key());
          flows.remove(flow.key());
        } else {
          int table = random.nextInt(tables);
          expected.values().removeIf(f -> f.key().tableId() == table);
          flows.removeIf(f -> f.key().tableId() == table);
        }
        assertEquals(expected.containsKey(flow.key()), flows.containsKey(flow.key()), "seed " + seed + ", step " + step);
        assertEquals(expected.size(), flows.size(), "seed " + seed + ", step " + step);
        if (step % 500 == 0) assertEquals(expected, flows.toMap(), "seed " + seed + ", step " + step);
      }
      assertEquals(expected, flows.toMap(), "seed " + seed);
    }
  }

  @Test
  void startsFromTheFlowsReadAndReplacesByKey() {
    SwitchFlow first = flow(0, 100, 1);
    FlowsByKey flows = new FlowsByKey(Map.of(first.key(), first));
    SwitchFlow replaced = flow(0, 100, 2);
    flows.put(replaced);
    assertEquals(1, flows.size());
    assertEquals(Map.of(replaced.key(), replaced), flows.toMap());
  }
}
