package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WakeupsTest {
  final List<CompletableFuture<Object>> sent = new ArrayList<>();
  final Wakeups wakeups = new Wakeups(id -> {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    sent.add(answer);
    return answer;
  });

  @Test
  void aLostWakeUpIsSentAgainUntilTheEntityAnswers() {
    wakeups.connected("dp1");
    wakeups.retry(Set.of("dp1"));
    assertEquals(1, sent.size(), "not again while the first is unanswered");
    sent.get(0).completeExceptionally(new RuntimeException("ask timed out: the wake-up was lost"));
    assertFalse(wakeups.confirmed("dp1"));
    wakeups.retry(Set.of("dp1"));
    assertEquals(2, sent.size(), "woken again");
    sent.get(1).complete("answered");
    assertTrue(wakeups.confirmed("dp1"));
    wakeups.retry(Set.of("dp1"));
    assertEquals(2, sent.size(), "an entity that answered is not woken again");
  }

  @Test
  void aReconnectWakesAgain() {
    wakeups.connected("dp1");
    sent.get(0).complete("answered");
    wakeups.connected("dp1");
    assertEquals(2, sent.size());
    assertFalse(wakeups.confirmed("dp1"));
  }
}
