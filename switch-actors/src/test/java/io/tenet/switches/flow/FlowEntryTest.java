package io.tenet.switches.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenet.switches.pipeline.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowEntryTest {
  private static FlowEntry toPort(String mac, long port, String networkId) {
    return new FlowEntry(Table.L2_LOOKUP, 100, Match.any().and(MatchField.ETH_DST, mac), List.of(new Action.Output(port)),
        Cookie.of(Cookie.Owner.NETWORK, networkId));
  }

  @Test
  void flowsCompiledApartAreEqualByValue() {
    FlowEntry once = toPort("fa:16:3e:00:00:01", 5, "net-a");
    FlowEntry again = toPort(new String("fa:16:3e:00:00:01"), 5, new String("net-a"));
    assertEquals(once, again);
    assertEquals(once.hashCode(), again.hashCode());
  }

  @Test
  void anyDifferingPartMakesAnotherFlow() {
    FlowEntry flow = toPort("fa:16:3e:00:00:01", 5, "net-a");
    assertNotEquals(flow, toPort("fa:16:3e:00:00:02", 5, "net-a"));
    assertNotEquals(flow, toPort("fa:16:3e:00:00:01", 6, "net-a"));
    assertNotEquals(flow, toPort("fa:16:3e:00:00:01", 5, "net-b"));
    assertNotEquals(flow, new FlowEntry(Table.L2_LOOKUP, 101, flow.match(), flow.actions(), flow.cookie()));
  }

  @Test
  void theActionsAreCopiedSoTheCachedHashStaysTrue() {
    List<Action> actions = new ArrayList<>(List.of(new Action.Output(5)));
    FlowEntry flow = new FlowEntry(Table.L2_LOOKUP, 100, Match.any(), actions, Cookie.pipeline());
    actions.add(new Action.Output(6));
    assertEquals(new FlowEntry(Table.L2_LOOKUP, 100, Match.any(), List.of(new Action.Output(5)), Cookie.pipeline()), flow);
  }

  @Test
  void aMatchTheTableDoesNotDeclareIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FlowEntry(Table.CLASSIFY, 10, Match.any().and(MatchField.ETH_DST, "fa:16:3e:00:00:01"), List.of(), Cookie.pipeline()));
  }
}
