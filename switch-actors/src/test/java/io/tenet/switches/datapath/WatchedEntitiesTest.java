package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A datapath asks each entity it needs until it answers, then nothing more until its answers are forgotten or the need changes. */
class WatchedEntitiesTest {
  private final List<String> asks = new ArrayList<>();
  private final List<String> stops = new ArrayList<>();
  private final WatchedEntities watched = new WatchedEntities(asks::add, stops::add);

  @Test
  void asksUntilAnsweredThenNothingUntilForgottenOrNoLongerNeeded() {
    watched.follow(Set.of("a", "b"));
    assertEquals(Set.of("a", "b"), Set.copyOf(asks));
    asks.clear();
    watched.answered("a");
    watched.follow(Set.of("a", "b"));
    assertEquals(List.of("b"), asks, "b has not answered: asked again");
    asks.clear();
    watched.answered("b");
    watched.follow(Set.of("a", "b"));
    watched.follow(Set.of("b", "a"));
    assertEquals(List.of(), asks, "all answered: nothing to ask");

    watched.forgetAnswers();
    watched.follow(Set.of("a", "b"));
    assertEquals(Set.of("a", "b"), Set.copyOf(asks), "an entity that restarted forgot its watchers: asked again");
    asks.clear();
    watched.answered("a");
    watched.answered("b");
    watched.follow(Set.of("a", "b"));
    watched.follow(Set.of("a"));
    assertEquals(List.of("b"), stops, "b is no longer needed");
    watched.follow(Set.of("a", "c"));
    assertEquals(List.of("c"), asks);
  }
}
