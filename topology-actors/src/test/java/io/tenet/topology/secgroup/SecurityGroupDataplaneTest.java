package io.tenet.topology.secgroup;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupSpec;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.network.DataplaneSink;
import io.tenet.topology.realization.DatapathRealization;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationState;
import io.tenet.topology.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules a security group gives the datapaths enforcing it, and its pushes to the ones that asked. */
class SecurityGroupDataplaneTest {
  private static final String GROUP = "sg-web";
  private static final String DP1 = "0000000000000001";
  private static final SecurityGroupRule HTTP_IN = new SecurityGroupRule("r1", RuleDirection.INGRESS, "IPv4", "tcp", 80, 80, "0.0.0.0/0", null, "");

  record Published(String datapathId, SecurityGroupDataplane view) {}

  private static final ActorTestKit testKit = ActorTestKit.create("SecurityGroupDataplaneTest", Fixtures.persistenceConfig());
  private static final AtomicReference<ActorRef<Published>> datapaths = new AtomicReference<>();
  private static final EventSourcedBehaviorTestKit<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), SecurityGroupEntity.create(GROUP,
          DataplaneSink.of((datapathId, network) -> {}, (datapathId, router) -> {}, (datapathId, view) -> datapaths.get().tell(new Published(datapathId, view)))));

  private TestProbe<Published> published;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
    published = testKit.createTestProbe();
    datapaths.set(published.ref());
  }

  private static Outcome<SecurityGroupDataplane> watch(String datapathId) {
    return kit.<Outcome<SecurityGroupDataplane>>runCommand(replyTo -> new SecurityGroupEntity.GetDataplane(datapathId, "hv1", replyTo)).reply();
  }

  @Test
  void aWatcherGetsTheRulesAndEveryChangeOfThemUntilItStops() {
    rejected(watch(DP1), ProblemCode.NOT_FOUND);
    ok(kit.<Outcome<SecurityGroupView>>runCommand(replyTo -> new SecurityGroupEntity.Create("tenant-1", new SecurityGroupSpec("web", "", List.of()), ORIGIN, replyTo)).reply());
    SecurityGroupDataplane first = ok(watch(DP1));
    assertEquals(List.of(), first.rules());
    published.expectNoMessage();

    kit.<Outcome<SecurityGroupView>>runCommand(replyTo -> new SecurityGroupEntity.Update(null, null, List.of(HTTP_IN), ORIGIN, replyTo));
    Published changed = published.receiveMessage();
    assertEquals(DP1, changed.datapathId());
    assertEquals(List.of(HTTP_IN), changed.view().rules());
    assertEquals(first.version() + 1, changed.view().version());

    kit.runCommand(new SecurityGroupEntity.StopWatching(DP1));
    kit.<Outcome<SecurityGroupView>>runCommand(replyTo -> new SecurityGroupEntity.Update(null, null, List.of(), ORIGIN, replyTo));
    published.expectNoMessage();
  }

  private static SecurityGroupView get() {
    return ok(kit.<Outcome<SecurityGroupView>>runCommand(SecurityGroupEntity.Get::new).reply());
  }

  @Test
  void theGroupsRealizationCountsTheDatapathsEnforcingItUntilTheyStop() {
    SecurityGroupView created = ok(kit.<Outcome<SecurityGroupView>>runCommand(replyTo ->
        new SecurityGroupEntity.Create("tenant-1", new SecurityGroupSpec("web", "", List.of()), ORIGIN, replyTo)).reply());
    assertEquals(RealizationState.REALIZED, get().realization().state(), "nothing enforces it yet: nothing to wait for");
    assertEquals(null, created.realization(), "the entity's own copy carries none");
    long version = ok(watch(DP1)).version();
    Realization pending = get().realization();
    assertEquals(RealizationState.PENDING, pending.state());
    assertEquals(List.of(DP1), pending.missing().stream().map(DatapathRealization::datapathId).toList());

    kit.runCommand(new SecurityGroupEntity.ConfirmDataplane(DP1, "hv1", version, Instant.now()));
    assertEquals(RealizationState.REALIZED, get().realization().state());
    kit.<Outcome<SecurityGroupView>>runCommand(replyTo -> new SecurityGroupEntity.Update(null, null, List.of(HTTP_IN), ORIGIN, replyTo));
    published.receiveMessage();
    assertEquals(RealizationState.PENDING, get().realization().state(), "the new rules are not confirmed yet");
    kit.runCommand(new SecurityGroupEntity.ReportDataplaneTrouble(DP1, "hv1", new DataplaneTrouble(true, "the switch refused a change", Instant.now())));
    assertEquals(RealizationState.ERROR, get().realization().state());
    assertTrue(get().realization().reason().contains("refused a change"), get().realization().reason());
    kit.runCommand(new SecurityGroupEntity.ConfirmDataplane(DP1, "hv1", version + 1, Instant.now()));
    assertEquals(RealizationState.REALIZED, get().realization().state(), "confirmed again after the trouble");

    kit.runCommand(new SecurityGroupEntity.StopWatching(DP1));
    kit.<Outcome<SecurityGroupView>>runCommand(replyTo -> new SecurityGroupEntity.Update(null, null, List.of(), ORIGIN, replyTo));
    assertEquals(RealizationState.REALIZED, get().realization().state(), "a datapath that no longer enforces it is not waited for");
  }
}
