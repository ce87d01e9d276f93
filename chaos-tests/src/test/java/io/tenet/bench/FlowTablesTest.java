package io.tenet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTablesTest {
  @Test
  void twoDumpsOfTheSameTablesAreEqualWhateverTheCountersAndOrder() {
    String before = """
        OFPST_FLOW reply (OF1.3) (xid=0x2):
         cookie=0x1, duration=12.345s, table=0, n_packets=7, n_bytes=700, idle_age=3, priority=100,in_port=1 actions=goto_table:10
         cookie=0x2, duration=12.345s, table=10, n_packets=0, n_bytes=0, priority=0 actions=drop
        """;
    String after = """
        OFPST_FLOW reply (OF1.3) (xid=0x5):
         cookie=0x2, duration=0.5s, table=10, n_packets=3, n_bytes=300, priority=0 actions=drop
         cookie=0x1, duration=0.5s, table=0, n_packets=0, n_bytes=0, priority=100,in_port=1 actions=goto_table:10
        """;
    assertEquals(FlowTables.normalized(before), FlowTables.normalized(after));
    assertEquals(List.of("cookie=0x1, table=0, priority=100,in_port=1 actions=goto_table:10", "cookie=0x2, table=10, priority=0 actions=drop"),
        FlowTables.normalized(before));
  }

  @Test
  void aChangedActionOrAMissingFlowIsADifference() {
    List<String> held = FlowTables.normalized(" cookie=0x1, duration=1s, table=0, n_packets=0, n_bytes=0, priority=100,in_port=1 actions=goto_table:10\n");
    assertNotEquals(held, FlowTables.normalized(" cookie=0x1, duration=1s, table=0, n_packets=0, n_bytes=0, priority=100,in_port=1 actions=drop\n"));
    assertNotEquals(held, FlowTables.normalized(""));
    FlowTables expected = new FlowTables(held, List.of());
    assertEquals("1 missing [cookie=0x1, table=0, priority=100,in_port=1 actions=goto_table:10], 0 unexpected []",
        new FlowTables(List.of(), List.of()).difference(expected));
  }

  @Test
  void groupCountersAreNotPartOfAGroup() {
    assertEquals(FlowTables.normalized("OFPST_GROUP_DESC reply (OF1.3) (xid=0x2):\n group_id=1,type=all,bucket=actions=output:1\n"),
        FlowTables.normalized(" group_id=1,type=all,bucket=actions=output:1\n"));
  }

  @Test
  void flowsInstalledWithinAWindowAreCountedByTheirDuration() {
    String dump = """
        OFPST_FLOW reply (OF1.3) (xid=0x2):
         cookie=0x1, duration=12.345s, table=0, n_packets=7, n_bytes=700, priority=100,in_port=1 actions=goto_table:10
         cookie=0x2, duration=0.5s, table=10, n_packets=0, n_bytes=0, priority=0 actions=drop
        """;
    assertEquals(new FlowTables.Installs(1, 0.5), FlowTables.installedWithin(dump, 10));
    assertEquals(new FlowTables.Installs(2, 0.5), FlowTables.installedWithin(dump, 13));
    assertEquals(new FlowTables.Installs(0, 0), FlowTables.installedWithin(dump, 0.1));
  }
}
