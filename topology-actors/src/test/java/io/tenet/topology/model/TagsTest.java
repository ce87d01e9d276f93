package io.tenet.topology.model;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TagsTest {
  @Test
  void tagsAreStoredSortedAndOnce() {
    assertEquals(List.of("a", "b", "prod"), ok(Tags.validate(List.of("prod", "a", "b", "a"))));
    assertEquals(List.of(), ok(Tags.validate(List.of())));
  }

  @Test
  void aTagThatCouldNotBeFilteredOrShownIsRefused() {
    for (String bad : new String[] {"", "  ", "a,b", " padded", "padded ", "x".repeat(Tags.MAX_LENGTH + 1)}) {
      rejected(Tags.validate(List.of("ok", bad)), ProblemCode.INVALID_VALUE, "tags");
    }
    rejected(Tags.validate(Arrays.asList("ok", null)), ProblemCode.INVALID_VALUE, "tags");
    rejected(Tags.validate(null), ProblemCode.INVALID_VALUE, "tags");
    assertEquals(List.of("x".repeat(Tags.MAX_LENGTH)), ok(Tags.validate(List.of("x".repeat(Tags.MAX_LENGTH)))));
  }

  @Test
  void atMostMaxCountTags() {
    List<String> most = IntStream.range(0, Tags.MAX_COUNT).mapToObj(i -> "t" + i).toList();
    assertEquals(Tags.MAX_COUNT, ok(Tags.validate(most)).size());
    List<String> tooMany = new ArrayList<>(most);
    tooMany.add("one-more");
    rejected(Tags.validate(tooMany), ProblemCode.INVALID_VALUE, "tags");
    rejected(Tags.changed(ok(Tags.validate(most)), new TagChange.Add("one-more")), ProblemCode.INVALID_VALUE, "tags");
  }

  @Test
  void changesApplyToTheTagsHeld() {
    List<String> held = List.of("a", "b");
    assertEquals(List.of("a", "b", "c"), ok(Tags.changed(held, new TagChange.Add("c"))));
    assertEquals(held, ok(Tags.changed(held, new TagChange.Add("a"))));
    assertEquals(List.of("b"), ok(Tags.changed(held, new TagChange.Remove("a"))));
    assertEquals(held, ok(Tags.changed(held, new TagChange.Remove("absent"))));
    assertEquals(List.of("z"), ok(Tags.changed(held, new TagChange.Replace(List.of("z")))));
    assertEquals(List.of(), ok(Tags.changed(held, new TagChange.Replace(List.of()))));
    rejected(Tags.changed(held, new TagChange.Replace(null)), ProblemCode.INVALID_VALUE, "tags");
  }
}
