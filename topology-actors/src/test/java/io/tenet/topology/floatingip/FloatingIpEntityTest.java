package io.tenet.topology.floatingip;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.model.TagChange;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FloatingIpEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create("FloatingIpEntityTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<FloatingIpEntity.Command, FloatingIpEntity.Event, FloatingIpEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), FloatingIpEntity.create("fip-1"));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static Outcome<FloatingIpView> create(String networkId) {
    return kit.<Outcome<FloatingIpView>>runCommand(r -> new FloatingIpEntity.Create("tenant-1", networkId, "fip-port", "203.0.113.20", ORIGIN, r)).reply();
  }

  private static Outcome<FloatingIpView> associate(String portId, String fixedIp, String routerId) {
    return kit.<Outcome<FloatingIpView>>runCommand(r -> new FloatingIpEntity.Associate(portId, fixedIp, routerId, ORIGIN, r)).reply();
  }

  @Test
  void createdUnassociatedThenAssociatedMovedAndDissociated() {
    FloatingIpView created = ok(create("public"));
    assertEquals("203.0.113.20", created.floatingIpAddress());
    assertNull(created.portId());
    assertEquals(created, ok(create("public")), "a retry answers the same floating IP");
    rejected(create("other"), ProblemCode.ALREADY_EXISTS);

    FloatingIpView associated = ok(associate("port-a1", "10.0.0.3", "router-1"));
    assertEquals("port-a1", associated.portId());
    assertEquals(2, associated.revision());
    assertTrue(kit.<Outcome<FloatingIpView>>runCommand(r -> new FloatingIpEntity.Associate("port-a1", "10.0.0.3", "router-1", ORIGIN, r)).hasNoEvents(),
        "the same association again writes nothing");
    assertEquals("port-b1", ok(associate("port-b1", "10.0.1.3", "router-1")).portId());
    assertEquals(kit.getState(), kit.restart().state());

    rejected(kit.<Outcome<FloatingIpView>>runCommand(r -> new FloatingIpEntity.Delete(ORIGIN, r)).reply(), ProblemCode.IN_USE);
    assertNull(ok(associate(null, null, null)).routerId());
    ok(kit.<Outcome<FloatingIpView>>runCommand(r -> new FloatingIpEntity.Delete(ORIGIN, r)).reply());
    rejected(kit.<Outcome<FloatingIpView>>runCommand(FloatingIpEntity.Get::new).reply(), ProblemCode.NOT_FOUND);
    rejected(create("public"), ProblemCode.ALREADY_EXISTS);
  }

  @Test
  void tagsSurviveAssociationAndRestart() {
    ok(create("public"));
    FloatingIpView tagged = ok(kit.<Outcome<FloatingIpView>>runCommand(r -> new FloatingIpEntity.ChangeTags(new TagChange.Add("dns"), ORIGIN, r)).reply());
    assertEquals(List.of("dns"), tagged.tags());
    assertEquals(List.of("dns"), ok(associate("port-a1", "10.0.0.3", "router-1")).tags());
    assertEquals(List.of("dns"), kit.restart().state().view().tags());
  }
}
