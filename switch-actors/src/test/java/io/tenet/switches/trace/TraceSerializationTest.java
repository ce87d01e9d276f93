package io.tenet.switches.trace;

import io.tenet.switches.datapath.DatapathEntity;
import io.tenet.topology.dataplane.TraceHop;
import io.tenet.topology.dataplane.TraceOutput;
import io.tenet.topology.dataplane.TraceProtocol;
import io.tenet.topology.dataplane.TraceReport;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.dataplane.TraceTableStep;
import io.tenet.topology.dataplane.TraceVerdict;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A trace crosses nodes when a datapath's entity runs elsewhere: its questions and answers go through the cluster's Jackson serializer. */
class TraceSerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("TraceSerializationTest");
  private static final SerializationTestKit serialization = testKit.serializationTestKit();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void questionsAndAnswersSurviveTheWire() {
    var replyTo = testKit.<TraceAnswer>createTestProbe().ref();
    TraceRequest request = new TraceRequest("a1", "0000000000000001", 2, "net", "fa:16:3e:00:00:a1", "10.0.0.3", "10.0.0.4", null,
        TraceProtocol.TCP, 40000, 80);
    Packet packet = Packet.of(Map.of(io.tenet.switches.flow.MatchField.IN_PORT, "2", io.tenet.switches.flow.MatchField.TUN_ID, "0x1000"));
    TraceHop hop = new TraceHop("0000000000000001", "hv1", "172.31.99.1", "port a1", packet.ofprotoFlow(),
        List.of(new TraceTableStep(0, "classify", 200, "in_port=2", "goto_table:10", "0x3", "port", "a1")),
        new TraceVerdict(TraceVerdict.Kind.TUNNEL, List.of(new TraceOutput(TraceOutput.Kind.TUNNEL, 1, null, "172.31.99.2", "0x1000")), "sent"));
    for (Object value : List.of(new DatapathEntity.TraceFromPort(request, replyTo), new DatapathEntity.TraceFromTunnel(packet, replyTo),
        new TraceAnswer.Traced(hop, List.of(packet)), new TraceAnswer.CannotTrace("not yet"),
        new TraceReport("a1", "10.0.0.4", TraceProtocol.TCP, List.of(hop), "hv1: tunnel"))) {
      serialization.verifySerialization(value, true);
    }
  }
}
