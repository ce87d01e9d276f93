package io.tenet.switches.datapath;

import io.tenet.topology.dataplane.RepairCount;
import io.tenet.topology.dataplane.RepairOutcome;
import io.tenet.topology.dataplane.RepairReport;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A repair is asked of a datapath wherever its entity runs, and the repair is journaled: all of it goes through the Jackson serializer. */
class RepairSerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RepairSerializationTest");
  private static final SerializationTestKit serialization = testKit.serializationTestKit();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void requestsReportsAndTheJournaledEventSurviveTheWire() {
    var replyTo = testKit.<RepairReport>createTestProbe().ref();
    RepairCount changed = new RepairCount(2, 1, 1, 0, 1, 0);
    for (Object value : List.of(new DatapathEntity.RepairDatapath(replyTo), new DatapathEntity.RepairNetwork("net-a", replyTo),
        new RepairReport("0000000000000001", "hv1", "network net-a", RepairOutcome.REPAIRED, changed, null),
        new RepairReport("0000000000000002", null, "datapath", RepairOutcome.NOT_MASTER, RepairCount.NONE, "the switch is not connected to this node"),
        new DatapathEntity.TablesRepaired("datapath", changed, false),
        new DatapathEntity.TablesReconciled(7, changed),
        new DatapathEntity.ReconcileFinished(7, changed))) {
      serialization.verifySerialization(value, true);
    }
  }
}
