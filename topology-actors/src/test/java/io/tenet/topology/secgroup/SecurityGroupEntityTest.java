package io.tenet.topology.secgroup;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupRuleRequest;
import io.tenet.topology.model.SecurityGroupSpec;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.validation.SecurityGroupValidation;
import io.tenet.topology.model.TagChange;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityGroupEntityTest {
  private static final String GROUP = "sg-1";
  private static final String TENANT = "tenant-1";
  private static final ActorTestKit testKit = ActorTestKit.create("SecurityGroupEntityTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), SecurityGroupEntity.create(GROUP));

  private final SecurityGroupSpec defaults = SecurityGroupValidation.defaultGroup(GROUP);
  private final List<SecurityGroupRule> webRules = SecurityGroupValidation.rules(GROUP, List.of(
      new SecurityGroupRuleRequest(null, "ingress", "IPv4", "tcp", 80, 80, "0.0.0.0/0", null, "http"),
      new SecurityGroupRuleRequest(null, "ingress", "IPv4", "icmp", 8, 0, null, null, "ping")));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static CommandResultWithReply<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State, Outcome<SecurityGroupView>> create(
      String tenant, SecurityGroupSpec spec) {
    return kit.runCommand(replyTo -> new SecurityGroupEntity.Create(tenant, spec, ORIGIN, replyTo));
  }

  /** The group without its realization (SecurityGroupDataplaneTest covers that), to compare with what commands answered. */
  private static Outcome<SecurityGroupView> get() {
    return kit.<Outcome<SecurityGroupView>>runCommand(SecurityGroupEntity.Get::new).reply().map(view -> view.withRealization(null));
  }

  private static CommandResultWithReply<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State, Outcome<SecurityGroupView>> update(
      String name, String description, List<SecurityGroupRule> rules) {
    return kit.runCommand(replyTo -> new SecurityGroupEntity.Update(name, description, rules, ORIGIN, replyTo));
  }

  private static CommandResultWithReply<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State, Outcome<SecurityGroupView>> delete() {
    return kit.runCommand(r -> new SecurityGroupEntity.Delete(ORIGIN, r));
  }

  @Test
  void createThenGet() {
    var result = create(TENANT, defaults);
    SecurityGroupView view = ok(result.reply());
    assertEquals(GROUP, view.id());
    assertEquals(TENANT, view.tenantId());
    assertEquals("default", view.name());
    assertEquals(defaults.rules(), view.rules());
    assertEquals(1, view.revision());
    assertTrue(result.event() instanceof SecurityGroupEntity.SecurityGroupCreated);
    assertEquals(view, ok(get()));
    SecurityGroupView looked = ok(kit.<Outcome<SecurityGroupView>>runCommand(SecurityGroupEntity.Lookup::new).reply());
    assertEquals(view, looked);
    assertNull(looked.realization(), "a lookup walks no datapath");
  }

  @Test
  void nothingBeforeCreate() {
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(kit.<Outcome<SecurityGroupView>>runCommand(SecurityGroupEntity.Lookup::new).reply(), ProblemCode.NOT_FOUND);
    rejected(update("x", null, null).reply(), ProblemCode.NOT_FOUND);
    rejected(delete().reply(), ProblemCode.NOT_FOUND);
  }

  @Test
  void retriedCreateAnswersAsTheFirst() {
    SecurityGroupView first = ok(create(TENANT, defaults).reply());
    var retry = create(TENANT, SecurityGroupValidation.defaultGroup(GROUP));
    assertEquals(first, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
  }

  @Test
  void conflictingCreateIsRefused() {
    create(TENANT, defaults);
    rejected(create("tenant-2", defaults).reply(), ProblemCode.ALREADY_EXISTS, "id");
    var otherRules = create(TENANT, new SecurityGroupSpec("default", "Default security group", webRules));
    rejected(otherRules.reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertTrue(otherRules.hasNoEvents());
  }

  @Test
  void updateIncrementsTheRevisionOnlyOnChange() {
    SecurityGroupView v1 = ok(create(TENANT, defaults).reply());
    var changed = update("web", null, webRules);
    SecurityGroupView v2 = ok(changed.reply());
    assertEquals("web", v2.name());
    assertEquals(v1.description(), v2.description());
    assertEquals(webRules, v2.rules());
    assertEquals(2, v2.revision());
    assertEquals(v1.createdAt(), v2.createdAt());
    assertTrue(changed.event() instanceof SecurityGroupEntity.SecurityGroupUpdated);
    var same = update("web", v1.description(), webRules);
    assertEquals(v2, ok(same.reply()));
    assertTrue(same.hasNoEvents());
    assertTrue(update(null, null, null).hasNoEvents());
    SecurityGroupView v3 = ok(update(null, null, List.of()).reply());
    assertEquals(List.of(), v3.rules());
    assertEquals(3, v3.revision());
    assertEquals(v3, ok(get()));
  }

  /** Rules read, changed and written back against the revision they were read at never overwrite a change made meanwhile. */
  @Test
  void anUpdateAgainstAnOlderRevisionIsRefusedAndChangesNothing() {
    SecurityGroupView v1 = ok(create(TENANT, defaults).reply());
    SecurityGroupView v2 = ok(update("web", null, webRules).reply());
    var stale = kit.<Outcome<SecurityGroupView>>runCommand(r -> new SecurityGroupEntity.Update(null, null, List.of(), v1.revision(), ORIGIN, r));
    assertEquals(ProblemCode.REVISION_MISMATCH, ((Outcome.Rejected<SecurityGroupView>) stale.reply()).problem().code());
    assertTrue(stale.hasNoEvents());
    assertEquals(webRules, ok(get()).rules());
    var current = kit.<Outcome<SecurityGroupView>>runCommand(r -> new SecurityGroupEntity.Update(null, null, List.of(), v2.revision(), ORIGIN, r));
    assertEquals(List.of(), ok(current.reply()).rules());
  }

  @Test
  void deletedIdIsNeverReused() {
    SecurityGroupView view = ok(create(TENANT, defaults).reply());
    var deleted = delete();
    assertEquals(view, ok(deleted.reply()));
    assertTrue(deleted.event() instanceof SecurityGroupEntity.SecurityGroupDeleted);
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(delete().reply(), ProblemCode.NOT_FOUND);
    rejected(update("x", null, null).reply(), ProblemCode.NOT_FOUND);
    rejected(create(TENANT, defaults).reply(), ProblemCode.ALREADY_EXISTS);
    assertTrue(kit.restart().state().deleted());
    rejected(create(TENANT, defaults).reply(), ProblemCode.ALREADY_EXISTS);
  }

  @Test
  void restartKeepsTheState() {
    create(TENANT, defaults);
    update("web", "front", webRules);
    SecurityGroupEntity.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(before.view(), ok(get()));
  }

  @Test
  void aRetriedCreateAfterAnUpdateAnswersWithTheCurrentGroup() {
    SecurityGroupSpec original = new SecurityGroupSpec("web", "", List.of());
    ok(create("tenant-r", original).reply());
    SecurityGroupView renamed = ok(update("renamed", null, null).reply());
    var retry = create("tenant-r", original);
    assertEquals(renamed, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
    rejected(create("tenant-r", new SecurityGroupSpec("other", "", List.of())).reply(), ProblemCode.ALREADY_EXISTS);
  }

  private static CommandResultWithReply<SecurityGroupEntity.Command, SecurityGroupEntity.Event, SecurityGroupEntity.State, Outcome<SecurityGroupView>> tag(
      TagChange change) {
    return kit.runCommand(r -> new SecurityGroupEntity.ChangeTags(change, ORIGIN, r));
  }

  @Test
  void tagsAreAddedRemovedAndReplacedAndSurviveOtherChangesAndRestarts() {
    ok(create(TENANT, defaults).reply());
    assertEquals(List.of("web"), ok(tag(new TagChange.Add("web")).reply()).tags());
    assertTrue(tag(new TagChange.Add("web")).hasNoEvents(), "a tag the group has already writes nothing");
    assertEquals(List.of("blue", "web"), ok(tag(new TagChange.Add("blue")).reply()).tags());
    SecurityGroupView renamed = ok(update("web", null, webRules).reply());
    assertEquals(List.of("blue", "web"), renamed.tags(), "a change of the group keeps its tags");
    rejected(tag(new TagChange.Add("a,b")).reply(), ProblemCode.INVALID_VALUE);
    assertEquals(List.of("blue"), ok(tag(new TagChange.Remove("web")).reply()).tags());
    assertEquals(List.of("a", "z"), ok(tag(new TagChange.Replace(List.of("z", "a", "z"))).reply()).tags());
    assertEquals(List.of("a", "z"), kit.restart().state().view().tags());
    assertEquals(ok(get()), kit.restart().state().view());
  }
}
