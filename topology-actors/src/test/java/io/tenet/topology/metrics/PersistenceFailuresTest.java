package io.tenet.topology.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.tenant.TenantDirectory;
import io.tenet.topology.testing.Fixtures;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PersistenceFailuresTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PersistenceFailuresTest", Fixtures.persistenceConfig());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRefusedJournalWriteIsCountedOnceForItsEntityType() {
    NodeMetrics metrics = NodeMetrics.get(testKit.system());
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    ActorRef<TenantDirectory.Command> directory = testKit.spawn(metrics.watchPersistence(TenantDirectory.ENTITY_KEY, TenantDirectory.create()));
    TestProbe<Done> replies = testKit.createTestProbe();

    directory.tell(new TenantDirectory.Register("t-1", replies.ref()));
    replies.receiveMessage();
    assertEquals(0.0, metrics.persistenceFailures().value("tenant_directory"));

    journal.failNextPersisted();
    directory.tell(new TenantDirectory.Register("t-2", replies.ref()));
    replies.expectTerminated(directory);
    assertEquals(1.0, metrics.persistenceFailures().value("tenant_directory"));
    assertEquals(0.0, metrics.persistenceFailures().value("port"));
  }

  @Test
  void eachActorSystemHasItsOwnMetrics() {
    ActorTestKit other = ActorTestKit.create("PersistenceFailuresOther", Fixtures.persistenceConfig());
    try {
      NodeMetrics.get(other.system()).storageUnavailable().inc();
      assertEquals(1.0, NodeMetrics.get(other.system()).storageUnavailable().value());
      assertEquals(0.0, NodeMetrics.get(testKit.system()).storageUnavailable().value());
    } finally {
      other.shutdownTestKit();
    }
  }
}
