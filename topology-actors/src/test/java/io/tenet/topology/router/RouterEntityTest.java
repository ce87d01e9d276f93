package io.tenet.topology.router;

import static io.tenet.topology.testing.Fixtures.ORIGIN;
import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.testing.Fixtures;
import io.tenet.topology.model.TagChange;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterEntityTest {
  private static final String ROUTER = "router-1";
  private static final String TENANT = "tenant-1";
  private static final ActorTestKit testKit = ActorTestKit.create("RouterEntityTest", Fixtures.persistenceConfig());
  private static final EventSourcedBehaviorTestKit<RouterEntity.Command, RouterEntity.Event, RouterEntity.State> kit =
      EventSourcedBehaviorTestKit.create(testKit.system(), RouterEntity.create(ROUTER));

  private static final RouterInterface BLUE = new RouterInterface("port-blue", "net-blue", "sub-blue", "10.0.0.1", "10.0.0.0/24");
  private static final RouterInterface RED = new RouterInterface("port-red", "net-red", "sub-red", "10.0.1.1", "10.0.1.0/24");
  private static final HostRoute VIA_BLUE = new HostRoute("192.168.0.0/16", "10.0.0.254");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kit.clear();
  }

  private static CommandResultWithReply<RouterEntity.Command, RouterEntity.Event, RouterEntity.State, Outcome<RouterView>> create(
      String tenant, String name, List<HostRoute> routes) {
    return kit.runCommand(replyTo -> new RouterEntity.Create(tenant, name, true, routes, ORIGIN, replyTo));
  }

  private static RouterView created() {
    return ok(create(TENANT, "edge", List.of()).reply());
  }

  /** The router without its realization (RouterDataplaneTest covers that), to compare with what commands answered. */
  private static Outcome<RouterView> get() {
    return kit.<Outcome<RouterView>>runCommand(RouterEntity.Get::new).reply().map(view -> view.withRealization(null));
  }

  private static CommandResultWithReply<RouterEntity.Command, RouterEntity.Event, RouterEntity.State, Outcome<RouterView>> update(
      String name, Boolean up, List<HostRoute> routes) {
    return kit.runCommand(replyTo -> new RouterEntity.Update(name, up, routes, ORIGIN, replyTo));
  }

  private static CommandResultWithReply<RouterEntity.Command, RouterEntity.Event, RouterEntity.State, Outcome<RouterView>> delete() {
    return kit.runCommand(r -> new RouterEntity.Delete(ORIGIN, r));
  }

  private static CommandResultWithReply<RouterEntity.Command, RouterEntity.Event, RouterEntity.State, Outcome<RouterView>> add(RouterInterface routerInterface) {
    return kit.runCommand(replyTo -> new RouterEntity.AddInterface(routerInterface, ORIGIN, replyTo));
  }

  private static CommandResultWithReply<RouterEntity.Command, RouterEntity.Event, RouterEntity.State, Outcome<RouterInterface>> remove(String subnetId) {
    return kit.runCommand(replyTo -> new RouterEntity.RemoveInterface(subnetId, ORIGIN, replyTo));
  }

  @Test
  void createThenGet() {
    var result = create(TENANT, "edge", List.of());
    RouterView view = ok(result.reply());
    assertEquals(ROUTER, view.id());
    assertEquals(TENANT, view.tenantId());
    assertEquals("edge", view.name());
    assertTrue(view.adminStateUp());
    assertEquals(List.of(), view.interfaces());
    assertEquals(List.of(), view.routes());
    assertEquals(1, view.revision());
    assertTrue(result.event() instanceof RouterEntity.RouterCreated);
    assertEquals(view, ok(get()));
  }

  @Test
  void nothingBeforeCreate() {
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(update("x", null, null).reply(), ProblemCode.NOT_FOUND);
    rejected(delete().reply(), ProblemCode.NOT_FOUND);
    rejected(add(BLUE).reply(), ProblemCode.NOT_FOUND);
    rejected(remove("sub-blue").reply(), ProblemCode.NOT_FOUND);
  }

  @Test
  void aNewRouterCannotHaveRoutes() {
    var refused = create(TENANT, "edge", List.of(VIA_BLUE));
    rejected(refused.reply(), ProblemCode.INVALID_VALUE, "routes[0].nexthop");
    assertTrue(refused.hasNoEvents());
    rejected(get(), ProblemCode.NOT_FOUND);
  }

  @Test
  void retriedCreateAnswersAsTheFirst() {
    RouterView first = created();
    var retry = create(TENANT, "edge", List.of());
    assertEquals(first, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
  }

  @Test
  void conflictingCreateIsRefused() {
    created();
    rejected(create(TENANT, "core", List.of()).reply(), ProblemCode.ALREADY_EXISTS, "id");
    rejected(create("tenant-2", "edge", List.of()).reply(), ProblemCode.ALREADY_EXISTS, "id");
    var down = kit.<Outcome<RouterView>>runCommand(replyTo -> new RouterEntity.Create(TENANT, "edge", false, List.of(), ORIGIN, replyTo));
    rejected(down.reply(), ProblemCode.ALREADY_EXISTS, "id");
    assertTrue(down.hasNoEvents());
  }

  @Test
  void interfacesAreAddedOncePerPortAndSubnet() {
    created();
    var added = add(BLUE);
    RouterView v2 = ok(added.reply());
    assertEquals(List.of(BLUE), v2.interfaces());
    assertEquals(2, v2.revision());
    assertTrue(added.event() instanceof RouterEntity.InterfaceAdded);
    var again = add(BLUE);
    assertEquals(v2, ok(again.reply()));
    assertTrue(again.hasNoEvents());
    rejected(add(new RouterInterface("port-other", "net-blue", "sub-blue", "10.0.0.2", "10.0.0.0/24")).reply(), ProblemCode.ALREADY_EXISTS, "subnet_id");
    assertEquals(List.of(BLUE, RED), ok(add(RED).reply()).interfaces());
  }

  @Test
  void overlappingInterfaceIsRefused() {
    created();
    add(BLUE);
    var overlapping = add(new RouterInterface("port-wide", "net-wide", "sub-wide", "10.0.0.129", "10.0.0.128/25"));
    rejected(overlapping.reply(), ProblemCode.OVERLAPPING_SUBNET, "subnet_id");
    assertTrue(overlapping.hasNoEvents());
    rejected(add(new RouterInterface("port-big", "net-big", "sub-big", "10.0.0.1", "10.0.0.0/16")).reply(), ProblemCode.OVERLAPPING_SUBNET, "subnet_id");
    assertEquals(List.of(BLUE), ok(get()).interfaces());
  }

  @Test
  void routesNeedANextHopOnAnAttachedSubnet() {
    created();
    var unreachable = update(null, null, List.of(VIA_BLUE));
    rejected(unreachable.reply(), ProblemCode.INVALID_VALUE, "routes[0].nexthop");
    assertTrue(unreachable.hasNoEvents());
    add(BLUE);
    RouterView routed = ok(update(null, null, List.of(VIA_BLUE)).reply());
    assertEquals(List.of(VIA_BLUE), routed.routes());
    rejected(update(null, null, List.of(VIA_BLUE, new HostRoute("172.16.0.0/12", "10.9.9.9"))).reply(), ProblemCode.INVALID_VALUE, "routes[1].nexthop");
  }

  @Test
  void updateIncrementsTheRevisionOnlyOnChange() {
    RouterView v1 = created();
    var renamed = update("core", null, null);
    RouterView v2 = ok(renamed.reply());
    assertEquals("core", v2.name());
    assertEquals(2, v2.revision());
    assertEquals(v1.createdAt(), v2.createdAt());
    assertTrue(renamed.event() instanceof RouterEntity.RouterUpdated);
    var same = update("core", true, List.of());
    assertEquals(v2, ok(same.reply()));
    assertTrue(same.hasNoEvents());
    assertTrue(update(null, null, null).hasNoEvents());
    RouterView v3 = ok(update(null, false, null).reply());
    assertEquals(3, v3.revision());
    assertEquals(v3, ok(get()));
  }

  @Test
  void interfaceUsedByARouteCannotBeRemoved() {
    created();
    add(BLUE);
    add(RED);
    update(null, null, List.of(VIA_BLUE));
    var refused = remove("sub-blue");
    rejected(refused.reply(), ProblemCode.IN_USE, "subnet_id");
    assertTrue(refused.hasNoEvents());
    assertEquals(RED, ok(remove("sub-red").reply()));
    update(null, null, List.of());
    var removed = remove("sub-blue");
    assertEquals(BLUE, ok(removed.reply()));
    assertTrue(removed.event() instanceof RouterEntity.InterfaceRemoved);
    assertEquals(List.of(), ok(get()).interfaces());
    rejected(remove("sub-blue").reply(), ProblemCode.NOT_FOUND, "subnet_id");
  }

  @Test
  void deleteWithInterfacesIsRefused() {
    created();
    add(BLUE);
    var refused = delete();
    rejected(refused.reply(), ProblemCode.ROUTER_HAS_INTERFACES);
    assertTrue(refused.hasNoEvents());
    remove("sub-blue");
    RouterView view = ok(get());
    var deleted = delete();
    assertEquals(view, ok(deleted.reply()));
    assertTrue(deleted.event() instanceof RouterEntity.RouterDeleted);
  }

  @Test
  void deletedIdIsNeverReused() {
    created();
    delete();
    assertTrue(kit.getState().deleted());
    rejected(get(), ProblemCode.NOT_FOUND);
    rejected(delete().reply(), ProblemCode.NOT_FOUND);
    rejected(add(BLUE).reply(), ProblemCode.NOT_FOUND);
    rejected(update("x", null, null).reply(), ProblemCode.NOT_FOUND);
    rejected(create(TENANT, "edge", List.of()).reply(), ProblemCode.ALREADY_EXISTS);
    assertTrue(kit.restart().state().deleted());
    rejected(create(TENANT, "edge", List.of()).reply(), ProblemCode.ALREADY_EXISTS);
  }

  @Test
  void restartKeepsTheState() {
    created();
    add(BLUE);
    add(RED);
    update("core", null, List.of(VIA_BLUE));
    remove("sub-red");
    RouterEntity.State before = kit.getState();
    assertEquals(before, kit.restart().state());
    assertEquals(before.view(), ok(get()));
    assertEquals(List.of(BLUE), before.view().interfaces());
  }

  @Test
  void aRetriedCreateAfterAnUpdateAnswersWithTheCurrentRouter() {
    created();
    RouterView renamed = ok(update("renamed", null, null).reply());
    var retry = create(TENANT, "edge", List.of());
    assertEquals(renamed, ok(retry.reply()));
    assertTrue(retry.hasNoEvents());
    rejected(create(TENANT, "other", List.of()).reply(), ProblemCode.ALREADY_EXISTS);
  }

  private static Outcome<RouterView> tag(TagChange change) {
    return kit.<Outcome<RouterView>>runCommand(r -> new RouterEntity.ChangeTags(change, ORIGIN, r)).reply();
  }

  @Test
  void tagsSurviveEveryOtherChangeOfTheRouter() {
    created();
    RouterView tagged = ok(tag(new TagChange.Replace(List.of("edge", "prod"))));
    assertEquals(List.of("edge", "prod"), tagged.tags());
    assertEquals(2, tagged.revision());
    assertEquals(List.of("edge", "prod"), ok(update("core", null, null).reply()).tags());
    assertEquals(List.of("edge", "prod"), ok(add(BLUE).reply()).tags());
    ok(remove(BLUE.subnetId()).reply());
    assertEquals(List.of("edge", "prod"), ok(get()).tags());
    assertEquals(List.of("edge"), ok(tag(new TagChange.Remove("prod"))).tags());
    rejected(tag(new TagChange.Add(" padded")), ProblemCode.INVALID_VALUE);
    assertEquals(List.of("edge"), kit.restart().state().view().tags());
  }
}
