package io.tenet.topology.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterStatusMappingTest {
  private static final String A = "127.0.0.1:25520";
  private static final String B = "127.0.0.1:25521";

  @Test
  void pekkoStatusesBecomeLowerSnakeCase() {
    assertEquals("weakly_up", ClusterStatusMapping.statusName("WeaklyUp"));
    assertEquals("up", ClusterStatusMapping.statusName("Up"));
    assertEquals("joining", ClusterStatusMapping.statusName("Joining"));
    assertEquals("preparing_for_shutdown", ClusterStatusMapping.statusName("PreparingForShutdown"));
  }

  @Test
  void countsAreSummedOverEntityTypesAndTheLeaderIsMarked() {
    ClusterStatus status = ClusterStatusMapping.status(A, A,
        List.of(new MemberFacts(B, "Leaving", Set.of("dc-default"), true), new MemberFacts(A, "Up", Set.of("dc-default", "api"), true)),
        List.of(Map.of(A, new HostedShards(3, 10), B, new HostedShards(2, 4)), Map.of(A, new HostedShards(1, 1), B, new HostedShards(0, 0))));

    assertEquals(new ClusterStatus(A, A, List.of(
        new ClusterMember(A, "up", List.of("api"), true, true, 4, 11),
        new ClusterMember(B, "leaving", List.of(), true, false, 2, 4))), status);
  }

  @Test
  void aMemberMissingFromAnyTypesAnswerHasNoCounts() {
    ClusterStatus status = ClusterStatusMapping.status(A, null,
        List.of(new MemberFacts(A, "Up", Set.of(), true), new MemberFacts(B, "Up", Set.of(), false)),
        List.of(Map.of(A, new HostedShards(3, 10), B, new HostedShards(2, 4)), Map.of(A, new HostedShards(1, 1))));

    ClusterMember unanswered = status.members().get(1);
    assertEquals(B, unanswered.address());
    assertEquals(false, unanswered.reachable());
    assertNull(unanswered.shards());
    assertNull(unanswered.entities());
    assertEquals(11, status.members().get(0).entities());
    assertNull(status.leader());
  }
}
