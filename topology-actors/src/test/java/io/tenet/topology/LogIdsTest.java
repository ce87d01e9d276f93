package io.tenet.topology;

import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LogIdsTest {
  static final ActorTestKit testKit = ActorTestKit.create("LogIdsTest");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void everyLineAnEntityLogsCarriesItsId() {
    Behavior<String> entity = Behaviors.setup(context -> Behaviors.receiveMessage(message -> {
      context.getLog().warn("heard {}", message);
      return Behaviors.same();
    }));
    ActorRef<String> port = testKit.spawn(LogIds.tagged("port", "p-1", entity));
    LoggingTestKit.warn("heard hello").withMdc(Map.of(LogIds.MDC_KEY, "port=p-1")).expect(testKit.system(), () -> {
      port.tell("hello");
      return null;
    });
  }
}
