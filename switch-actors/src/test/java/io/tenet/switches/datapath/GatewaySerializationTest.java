package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A gateway is hosted across nodes and journaled by the datapath; its state comes back from snapshots, older ones included. */
class GatewaySerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("GatewaySerializationTest");
  private static final SerializationTestKit serialization = testKit.serializationTestKit();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theAskTheEventsAndTheStateSurviveTheWire() {
    var replyTo = testKit.<Done>createTestProbe().ref();
    for (Object value : List.of(new DatapathEntity.HostGateway("r1", true, replyTo), new DatapathEntity.GatewayHosted("r1", 0xf000),
        new DatapathEntity.GatewayReleased("r1"), new DatapathEntity.HostBridge("net-a", true, replyTo), new DatapathEntity.BridgeHosted("net-a"),
        new DatapathEntity.BridgeReleased("net-a"), new DatapathEntity.State("hv1", "172.31.0.1", 4, Map.of("r1", 0xf000), Set.of("net-a")))) {
      serialization.verifySerialization(value, true);
    }
  }

  @Test
  void aSnapshotFromBeforeGatewaysReadsWithNone() throws Exception {
    DatapathEntity.State old = new ObjectMapper().readValue("{\"hostname\":\"hv1\",\"encapIp\":\"172.31.0.1\",\"term\":4}", DatapathEntity.State.class);
    assertEquals(Map.of(), old.gatewayZones());
    assertEquals(Set.of(), old.bridgedNetworks());
    assertEquals(0xf001, old.withGateway("r1", 0xf000).freeNatZone());
  }
}
