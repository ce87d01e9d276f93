package io.tenet.topology.vni;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.validation.NetworkValidation;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VniRegistryTest {
  private static final ActorTestKit testKit = ActorTestKit.create("VniRegistryTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<VniRegistry.Command, VniRegistry.Event, VniRegistry.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), VniRegistry.create());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static CommandResultWithReply<VniRegistry.Command, VniRegistry.Event, VniRegistry.State, Outcome<Integer>> allocate(String networkId, Integer vni) {
    return kit.runCommand(replyTo -> new VniRegistry.Allocate(networkId, vni, replyTo));
  }

  private static CommandResultWithReply<VniRegistry.Command, VniRegistry.Event, VniRegistry.State, Outcome<Integer>> release(String networkId) {
    return kit.runCommand(replyTo -> new VniRegistry.Release(networkId, replyTo));
  }

  private static Outcome<Integer> lookup(String networkId) {
    return kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Lookup(networkId, replyTo)).reply();
  }

  @Test
  void automaticAllocationStartsAbovePinnedRangeAndCounts() {
    var first = allocate("net-a", null);
    assertEquals(VniRegistry.FIRST_AUTOMATIC, ok(first.reply()));
    assertEquals(new VniRegistry.VniAllocated("net-a", 4096), first.event());
    assertEquals(4097, ok(allocate("net-b", null).reply()));
    assertEquals(Map.of(4096, "net-a", 4097, "net-b"), kit.getState().ownerByVni());
    assertEquals(Map.of("net-a", 4096, "net-b", 4097), kit.getState().vniByNetwork());
  }

  @Test
  void allocationIsIdempotentPerNetwork() {
    assertEquals(4096, ok(allocate("net-a", null).reply()));
    var again = allocate("net-a", null);
    assertEquals(4096, ok(again.reply()));
    assertTrue(again.hasNoEvents());
    var sameAsked = allocate("net-a", 4096);
    assertEquals(4096, ok(sameAsked.reply()));
    assertTrue(sameAsked.hasNoEvents());
  }

  @Test
  void aNetworkCannotAskForASecondVni() {
    allocate("net-a", 100);
    var conflicting = allocate("net-a", 200);
    rejected(conflicting.reply(), ProblemCode.ALREADY_EXISTS, "vni");
    assertTrue(conflicting.hasNoEvents());
    assertEquals(100, ok(lookup("net-a")));
  }

  @Test
  void aVniHasOneOwner() {
    assertEquals(100, ok(allocate("net-a", 100).reply()));
    var taken = allocate("net-b", 100);
    rejected(taken.reply(), ProblemCode.VNI_IN_USE, "vni");
    assertTrue(taken.hasNoEvents());
    rejected(lookup("net-b"), ProblemCode.NOT_FOUND);
  }

  @Test
  void automaticAllocationSkipsPinnedVnis() {
    assertEquals(4096, ok(allocate("pinned", 4096).reply()));
    assertEquals(4097, ok(allocate("auto", null).reply()));
    assertEquals(5000, ok(allocate("pinned-high", 5000).reply()));
    assertEquals(5001, ok(allocate("auto-2", null).reply()));
    assertEquals(7, ok(allocate("pinned-low", 7).reply()));
    assertEquals(5002, ok(allocate("auto-3", null).reply()));
  }

  @Test
  void automaticAllocationWrapsAroundTheTop() {
    assertEquals(4096, ok(allocate("first", null).reply()));
    assertEquals(NetworkValidation.MAX_VNI, ok(allocate("top", NetworkValidation.MAX_VNI).reply()));
    assertEquals(4097, ok(allocate("wrapped", null).reply()));
  }

  @Test
  void releaseFreesTheVni() {
    allocate("net-a", 100);
    var released = release("net-a");
    assertEquals(100, ok(released.reply()));
    assertEquals(new VniRegistry.VniReleased("net-a", 100), released.event());
    rejected(lookup("net-a"), ProblemCode.NOT_FOUND);
    var again = release("net-a");
    rejected(again.reply(), ProblemCode.NOT_FOUND);
    assertTrue(again.hasNoEvents());
    assertEquals(100, ok(allocate("net-b", 100).reply()));
  }

  @Test
  void lookupAnswersWithoutEvents() {
    rejected(lookup("net-a"), ProblemCode.NOT_FOUND);
    allocate("net-a", null);
    var looked = kit.<Outcome<Integer>>runCommand(replyTo -> new VniRegistry.Lookup("net-a", replyTo));
    assertEquals(4096, ok(looked.reply()));
    assertTrue(looked.hasNoEvents());
  }

  @Test
  void restartKeepsTheState() {
    allocate("net-a", null);
    allocate("net-b", 100);
    allocate("net-c", null);
    release("net-c");
    VniRegistry.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(4096, ok(lookup("net-a")));
    assertEquals(100, ok(lookup("net-b")));
    assertEquals(4098, ok(allocate("net-d", null).reply())); // 4097 went to net-c: the counter does not step back
  }
}
