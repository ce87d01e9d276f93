package io.tenet.topology.tenant;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.TenantView;
import io.tenet.topology.testing.Fixtures;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantEntityTest {
  private static final String TENANT = "tenant-1";
  private static final ActorTestKit testKit = ActorTestKit.create("TenantEntityTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<TenantEntity.Command, TenantEntity.Event, TenantEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), TenantEntity.create(TENANT));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static CommandResultWithReply<TenantEntity.Command, TenantEntity.Event, TenantEntity.State, Outcome<TenantView>> create(String name, String token) {
    return kit.runCommand(replyTo -> new TenantEntity.Create(name, token, "sg-default", replyTo));
  }

  private static Outcome<TenantEntity.TenantRecord> get() {
    return kit.<Outcome<TenantEntity.TenantRecord>>runCommand(TenantEntity.Get::new).reply();
  }

  private static CommandResultWithReply<TenantEntity.Command, TenantEntity.Event, TenantEntity.State, Done> index(ResourceKind kind, String id) {
    return kit.runCommand(replyTo -> new TenantEntity.Index(kind, id, replyTo));
  }

  private static CommandResultWithReply<TenantEntity.Command, TenantEntity.Event, TenantEntity.State, Done> unindex(ResourceKind kind, String id) {
    return kit.runCommand(replyTo -> new TenantEntity.Unindex(kind, id, replyTo));
  }

  @Test
  void createThenGet() {
    var created = create("acme", "hash-1");
    TenantView view = ok(created.reply());
    assertEquals(TENANT, view.id());
    assertEquals("acme", view.name());
    assertEquals("sg-default", view.defaultSecurityGroupId());
    assertNotNull(view.createdAt());
    TenantEntity.TenantCreated event = created.eventOfType(TenantEntity.TenantCreated.class);
    assertEquals(TENANT, event.tenantId());
    assertEquals("hash-1", event.tokenHash());
    TenantEntity.TenantRecord record = ok(get());
    assertEquals(view, record.view());
    assertEquals("hash-1", record.tokenHash());
    assertEquals(List.of(), record.ids(ResourceKind.NETWORK));
  }

  @Test
  void getBeforeCreateIsNotFound() {
    rejected(get(), ProblemCode.NOT_FOUND);
  }

  @Test
  void retriedCreateAnswersAsTheFirst() {
    TenantView first = ok(create("acme", "hash-1").reply());
    var retry = create("acme", "hash-1");
    assertEquals(first, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
  }

  @Test
  void conflictingCreateIsRefused() {
    create("acme", "hash-1");
    var otherName = create("other", "hash-1");
    rejected(otherName.reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertTrue(otherName.hasNoEvents());
    rejected(create("acme", "hash-2").reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertEquals("acme", ok(get()).view().name());
  }

  @Test
  void indexMayFillBeforeTheTenantExists() {
    index(ResourceKind.SECURITY_GROUP, "sg-default");
    rejected(get(), ProblemCode.NOT_FOUND);
    create("acme", "hash-1");
    assertEquals(List.of("sg-default"), ok(get()).ids(ResourceKind.SECURITY_GROUP));
  }

  @Test
  void indexAndUnindexAreIdempotent() {
    create("acme", "hash-1");
    var first = index(ResourceKind.NETWORK, "net-1");
    assertEquals(Done.getInstance(), first.reply());
    assertEquals(new TenantEntity.ResourceIndexed(ResourceKind.NETWORK, "net-1"), first.event());
    assertTrue(index(ResourceKind.NETWORK, "net-1").hasNoEvents());
    index(ResourceKind.NETWORK, "net-2");
    index(ResourceKind.ROUTER, "net-1"); // same id, another kind
    assertEquals(List.of("net-1", "net-2"), ok(get()).ids(ResourceKind.NETWORK));
    assertEquals(List.of("net-1"), ok(get()).ids(ResourceKind.ROUTER));
    assertEquals(new TenantEntity.ResourceUnindexed(ResourceKind.NETWORK, "net-1"), unindex(ResourceKind.NETWORK, "net-1").event());
    assertTrue(unindex(ResourceKind.NETWORK, "net-1").hasNoEvents());
    assertTrue(unindex(ResourceKind.SECURITY_GROUP, "never").hasNoEvents());
    assertEquals(List.of("net-2"), ok(get()).ids(ResourceKind.NETWORK));
    assertEquals(List.of("net-1"), ok(get()).ids(ResourceKind.ROUTER));
  }

  @Test
  void restartKeepsTheState() {
    index(ResourceKind.SECURITY_GROUP, "sg-default");
    create("acme", "hash-1");
    index(ResourceKind.NETWORK, "net-1");
    index(ResourceKind.ROUTER, "r-1");
    unindex(ResourceKind.ROUTER, "r-1");
    TenantEntity.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    TenantEntity.TenantRecord record = ok(get());
    assertEquals(before.view(), record.view());
    assertEquals(List.of("net-1"), record.ids(ResourceKind.NETWORK));
    assertEquals(List.of(), record.ids(ResourceKind.ROUTER));
    // a retry after the restart still answers as the first create did
    assertEquals(before.view(), ok(create("acme", "hash-1").reply()));
  }
}
