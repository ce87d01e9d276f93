package io.tenet.topology.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RepairCountTest {
  @Test
  void countsAddUpFieldByField() {
    RepairCount first = new RepairCount(3, 1, 0, 2, 0, 0);
    RepairCount second = new RepairCount(1, 0, 4, 0, 1, 1);
    assertEquals(new RepairCount(4, 1, 4, 2, 1, 1), first.plus(second));
    assertEquals(first, first.plus(RepairCount.NONE));
    assertEquals(9, first.plus(second).flows());
  }
}
