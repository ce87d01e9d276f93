package io.tenet.api.console;

import static io.tenet.api.console.Snapshots.DPID;
import static io.tenet.api.console.Snapshots.NODE_1;
import static io.tenet.api.console.Snapshots.NODE_2;
import static io.tenet.api.console.Snapshots.T0;
import static io.tenet.api.console.Snapshots.cluster;
import static io.tenet.api.console.Snapshots.datapath;
import static io.tenet.api.console.Snapshots.member;
import static io.tenet.api.console.Snapshots.network;
import static io.tenet.api.console.Snapshots.port;
import static io.tenet.api.console.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleEventsTest {
  private static final ConsoleSnapshot BASE = snapshot(cluster(member(NODE_1, "up", true), member(NODE_2, "up", true)),
      List.of(datapath("master", NODE_2, 3, true)), List.of(network("n1", "web")), List.of(port("p1", "vm1", null)));

  private static List<ConsoleEventKind> kinds(ConsoleSnapshot before, ConsoleSnapshot after) {
    return ConsoleEvents.between(before, after, T0).stream().map(ConsoleEvent::kind).toList();
  }

  @Test
  void nothingChangedNothingHappened() {
    assertEquals(List.of(), ConsoleEvents.between(BASE, BASE, T0));
  }

  @Test
  void aPortPluggedOnAHypervisorIsBoundThereAndUnboundWhenUnplugged() {
    ConsoleSnapshot plugged = snapshot(BASE.cluster(), BASE.datapaths(), BASE.networks(), List.of(port("p1", "vm1", DPID)));

    List<ConsoleEvent> events = ConsoleEvents.between(BASE, plugged, T0);
    assertEquals(List.of(new ConsoleEvent(T0, ConsoleEventKind.PORT_BOUND, "p1", "port vm1 bound on hv-eeff")), events);
    assertEquals(List.of(ConsoleEventKind.PORT_UNBOUND), kinds(plugged, BASE));
  }

  @Test
  void aPortMovedToAnotherDatapathIsBoundAgain() {
    ConsoleSnapshot here = snapshot(BASE.cluster(), BASE.datapaths(), BASE.networks(), List.of(port("p1", "vm1", DPID)));
    ConsoleSnapshot there = snapshot(BASE.cluster(), BASE.datapaths(), BASE.networks(), List.of(port("p1", "vm1", "0000000000001111")));
    assertEquals(List.of(ConsoleEventKind.PORT_BOUND), kinds(here, there));
  }

  @Test
  void objectsCreatedAndDeleted() {
    ConsoleSnapshot more = snapshot(BASE.cluster(), BASE.datapaths(), List.of(network("n1", "web"), network("n2", "db")),
        List.of(port("p2", "", DPID)));
    List<ConsoleEvent> events = ConsoleEvents.between(BASE, more, T0);
    assertEquals(List.of(ConsoleEventKind.NETWORK_CREATED, ConsoleEventKind.PORT_CREATED, ConsoleEventKind.PORT_BOUND, ConsoleEventKind.PORT_DELETED),
        events.stream().map(ConsoleEvent::kind).toList());
    assertEquals("port p2 created", events.get(1).message(), "a port without a name is named by its id");
    assertEquals(List.of(ConsoleEventKind.NETWORK_DELETED, ConsoleEventKind.PORT_CREATED, ConsoleEventKind.PORT_DELETED), kinds(more, BASE));
  }

  @Test
  void membersJoinBecomeUnreachableChangeStatusAndLeave() {
    ConsoleSnapshot alone = snapshot(cluster(member(NODE_1, "up", true)), BASE.datapaths(), BASE.networks(), BASE.ports());
    ConsoleSnapshot unreachable = snapshot(cluster(member(NODE_1, "up", true), member(NODE_2, "up", false)), BASE.datapaths(), BASE.networks(), BASE.ports());
    ConsoleSnapshot downed = snapshot(cluster(member(NODE_1, "up", true), member(NODE_2, "down", false)), BASE.datapaths(), BASE.networks(), BASE.ports());

    assertEquals(List.of(ConsoleEventKind.MEMBER_JOINED), kinds(alone, BASE));
    assertEquals(List.of(ConsoleEventKind.MEMBER_UNREACHABLE), kinds(BASE, unreachable));
    assertEquals(List.of(ConsoleEventKind.MEMBER_REACHABLE), kinds(unreachable, BASE));
    List<ConsoleEvent> down = ConsoleEvents.between(unreachable, downed, T0);
    assertEquals("member 127.0.0.1:25521 is now down (was up)", down.get(0).message());
    assertEquals(List.of(ConsoleEventKind.MEMBER_LEFT), kinds(downed, alone));
    assertEquals(NODE_2, ConsoleEvents.between(downed, alone, T0).get(0).subject());
  }

  @Test
  void datapathsConnectAreMasteredAndGoQuiet() {
    ConsoleSnapshot none = snapshot(BASE.cluster(), List.of(), BASE.networks(), BASE.ports());
    assertEquals(List.of(ConsoleEventKind.DATAPATH_CONNECTED, ConsoleEventKind.DATAPATH_MASTERED), kinds(none, BASE));

    ConsoleSnapshot unanswered = snapshot(BASE.cluster(), List.of(datapath("unknown", null, -1, false)), BASE.networks(), BASE.ports());
    assertEquals(List.of(ConsoleEventKind.DATAPATH_UNANSWERED), kinds(BASE, unanswered));
    assertEquals(List.of(), kinds(unanswered, unanswered));

    ConsoleSnapshot takenOver = snapshot(BASE.cluster(), List.of(datapath("master", NODE_1, 4, true)), BASE.networks(), BASE.ports());
    List<ConsoleEvent> events = ConsoleEvents.between(unanswered, takenOver, T0);
    assertEquals(List.of(ConsoleEventKind.DATAPATH_CONNECTED, ConsoleEventKind.DATAPATH_MASTERED), events.stream().map(ConsoleEvent::kind).toList());
    assertEquals("datapath hv1 mastered by 127.0.0.1:25520 (term 4)", events.get(1).message());

    ConsoleSnapshot disconnected = snapshot(BASE.cluster(), List.of(datapath("none", NODE_1, 4, false)), BASE.networks(), BASE.ports());
    assertEquals(List.of(ConsoleEventKind.DATAPATH_DISCONNECTED), kinds(takenOver, disconnected));
  }

  @Test
  void aDatapathHandedToAnotherNodeMovesRatherThanDisconnects() {
    ConsoleSnapshot restarting = snapshot(BASE.cluster(), List.of(datapath("none", NODE_1, 3, false)), BASE.networks(), BASE.ports());
    ConsoleSnapshot mastered = snapshot(BASE.cluster(), List.of(datapath("master", NODE_1, 4, true)), BASE.networks(), BASE.ports());

    List<ConsoleEvent> moved = ConsoleEvents.between(BASE, restarting, T0);
    assertEquals(List.of(new ConsoleEvent(T0, ConsoleEventKind.DATAPATH_MOVED, DPID, "datapath hv1 moved from 127.0.0.1:25521 to 127.0.0.1:25520")), moved);
    assertEquals(List.of(ConsoleEventKind.DATAPATH_CONNECTED, ConsoleEventKind.DATAPATH_MASTERED), kinds(restarting, mastered));
    assertEquals(List.of(ConsoleEventKind.DATAPATH_MOVED, ConsoleEventKind.DATAPATH_CONNECTED, ConsoleEventKind.DATAPATH_MASTERED), kinds(BASE, mastered));
  }

  @Test
  void anUnreadPartGivesNoEvents() {
    ConsoleSnapshot unread = new ConsoleSnapshot(null, null, null, null, null, null, null);
    assertEquals(List.of(), ConsoleEvents.between(BASE, unread, T0));
    assertEquals(List.of(), ConsoleEvents.between(unread, BASE, T0));
  }
}
