package io.tenet.topology.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.testing.Fixtures;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {
  private static final ActorTestKit testKit = ActorTestKit.create("TenantDirectoryTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<TenantDirectory.Command, TenantDirectory.Event, TenantDirectory.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), TenantDirectory.create());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static CommandResultWithReply<TenantDirectory.Command, TenantDirectory.Event, TenantDirectory.State, Done> register(String id) {
    return kit.runCommand(replyTo -> new TenantDirectory.Register(id, replyTo));
  }

  private static CommandResultWithReply<TenantDirectory.Command, TenantDirectory.Event, TenantDirectory.State, Done> unregister(String id) {
    return kit.runCommand(replyTo -> new TenantDirectory.Unregister(id, replyTo));
  }

  private static List<String> list() {
    return kit.<TenantDirectory.TenantIds>runCommand(TenantDirectory.ListTenants::new).reply().ids();
  }

  @Test
  void startsEmpty() {
    assertEquals(List.of(), list());
  }

  @Test
  void registerOnceAndKeepOrder() {
    var first = register("t-2");
    assertEquals(Done.getInstance(), first.reply());
    assertEquals(new TenantDirectory.TenantRegistered("t-2"), first.event());
    register("t-1");
    var again = register("t-2");
    assertEquals(Done.getInstance(), again.reply());
    assertTrue(again.hasNoEvents());
    assertEquals(List.of("t-2", "t-1"), list());
  }

  @Test
  void unregisterIsIdempotent() {
    register("t-1");
    register("t-2");
    var removed = unregister("t-1");
    assertEquals(new TenantDirectory.TenantUnregistered("t-1"), removed.event());
    assertTrue(unregister("t-1").hasNoEvents());
    assertTrue(unregister("never").hasNoEvents());
    assertEquals(List.of("t-2"), list());
  }

  @Test
  void listingWritesNothing() {
    register("t-1");
    assertTrue(kit.<TenantDirectory.TenantIds>runCommand(TenantDirectory.ListTenants::new).hasNoEvents());
  }

  @Test
  void restartKeepsTheList() {
    register("t-1");
    register("t-2");
    register("t-3");
    unregister("t-2");
    TenantDirectory.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(List.of("t-1", "t-3"), list());
  }
}
