package io.tenet.api.console;

import static io.tenet.api.console.Snapshots.DPID;
import static io.tenet.api.console.Snapshots.NODE_1;
import static io.tenet.api.console.Snapshots.T0;
import static io.tenet.api.console.Snapshots.cluster;
import static io.tenet.api.console.Snapshots.member;
import static io.tenet.api.console.Snapshots.network;
import static io.tenet.api.console.Snapshots.port;
import static io.tenet.api.console.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleFeedTest {
  private final ConsoleFeed feed = new ConsoleFeed(Clock.fixed(T0, ZoneOffset.UTC));
  private final ConsoleSnapshot first = snapshot(cluster(member(NODE_1, "up", true)), List.of(), List.of(network("n1", "web")), List.of(port("p1", "vm1", null)));

  @Test
  void theFirstSnapshotGoesOutWholeAndAnUnchangedOneNotAtAll() {
    assertEquals(List.of(new ConsoleFeed.SnapshotMessage(T0, first)), feed.next(first));
    assertEquals(List.of(), feed.next(first));
  }

  @Test
  void aChangeSendsItsEventsThenTheNewSnapshot() {
    feed.next(first);
    ConsoleSnapshot bound = snapshot(first.cluster(), List.of(), first.networks(), List.of(port("p1", "vm1", DPID)));

    List<ConsoleFeed.Message> messages = feed.next(bound);

    assertEquals(2, messages.size());
    assertEquals(ConsoleEventKind.PORT_BOUND, assertInstanceOf(ConsoleFeed.EventMessage.class, messages.get(0)).event().kind());
    assertEquals(bound, assertInstanceOf(ConsoleFeed.SnapshotMessage.class, messages.get(1)).snapshot());
  }

  @Test
  void anUnreadPartKeepsItsLastValueInsteadOfLookingDeleted() {
    feed.next(first);
    ConsoleSnapshot portsUnread = new ConsoleSnapshot(first.cluster(), first.datapaths(), first.tenants(), first.networks(), null, first.routers(), first.securityGroups());

    assertEquals(List.of(), feed.next(portsUnread), "nothing changed: the ports are as last read");
  }
}
