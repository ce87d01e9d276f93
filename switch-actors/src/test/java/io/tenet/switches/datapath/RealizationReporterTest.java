package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.network.NetworkEntity;
import io.tenet.topology.realization.DataplaneTrouble;
import io.tenet.topology.router.RouterEntity;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** Each version of a view is told once; forgotten answers and trouble make the next confirmation tell everything again. */
class RealizationReporterTest {
  private final TestInbox<NetworkEntity.Command> network = TestInbox.create();
  private final TestInbox<RouterEntity.Command> router = TestInbox.create();
  private final TestInbox<SecurityGroupEntity.Command> group = TestInbox.create();
  private final RealizationReporter reporter = new RealizationReporter(DatapathKnowledgeTest.HV1, id -> network.getRef(), id -> router.getRef(),
      id -> group.getRef());

  @Test
  void aVersionIsToldOnceUntilForgottenOrTroubled() {
    DatapathKnowledge knowledge = DatapathKnowledge.empty(DatapathKnowledgeTest.HV1).withPlugged(Map.of("p1", DatapathKnowledgeTest.VM1))
        .withPortInNetwork("p1", "net-a").withNetwork(DatapathKnowledgeTest.netA(3, DatapathKnowledgeTest.P1_ON_HV1, DatapathKnowledgeTest.P2_ON_HV2));
    reporter.confirmed("hv1", knowledge, Instant.EPOCH);
    assertEquals(3, ((NetworkEntity.ConfirmDataplane) network.receiveMessage()).version());
    reporter.confirmed("hv1", knowledge, Instant.EPOCH);
    reporter.confirmed("hv1", knowledge.withPlugged(Map.of("p1", DatapathKnowledgeTest.VM1, "p9", DatapathKnowledgeTest.VM9)), Instant.EPOCH);
    assertFalse(network.hasMessages(), "the same version again tells nothing");

    reporter.forget();
    reporter.confirmed("hv1", knowledge, Instant.EPOCH);
    assertTrue(network.receiveMessage() instanceof NetworkEntity.ConfirmDataplane, "an entity that restarted relearns it");

    reporter.troubled("hv1", knowledge, new DataplaneTrouble(false, "switch gone", Instant.EPOCH));
    assertTrue(network.receiveMessage() instanceof NetworkEntity.ReportDataplaneTrouble);
    reporter.confirmed("hv1", knowledge, Instant.EPOCH);
    assertTrue(network.receiveMessage() instanceof NetworkEntity.ConfirmDataplane, "confirmed again after the trouble");
  }
}
