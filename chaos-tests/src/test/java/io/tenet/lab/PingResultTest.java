package io.tenet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests of a ping count as lost: never answered, and not possibly still on their way when it stopped. */
class PingResultTest {
  private static String reply(int seq) {
    return "[1700000000." + String.format("%06d", seq * 1000) + "] 64 bytes from 10.0.0.4: icmp_seq=" + seq + " ttl=64 time=0.5 ms";
  }

  private static String noAnswer(int seq) {
    return "[1700000000." + String.format("%06d", seq * 1000) + "] no answer yet for icmp_seq=" + seq;
  }

  private static List<String> output(int transmitted, List<Integer> answered) {
    List<String> lines = new ArrayList<>();
    lines.add("PING 10.0.0.4 (10.0.0.4) 56(84) bytes of data.");
    for (int seq = 1; seq <= transmitted; seq++) lines.add(answered.contains(seq) ? reply(seq) : noAnswer(seq));
    lines.add("");
    lines.add("--- 10.0.0.4 ping statistics ---");
    lines.add(transmitted + " packets transmitted, " + answered.size() + " received");
    return lines;
  }

  @Test
  void theLastUnansweredRequestsOfAStoppedPingAreInFlight() {
    // 1..6 answered, 7 lost, 8 answered, 9 and 10 sent just before the stop
    PingResult result = PingResult.parse("10.0.0.4", output(10, List.of(1, 2, 3, 4, 5, 6, 8)), 5);
    assertEquals(List.of(7), result.lostSeqs(), "a request answered after it proves 7 lost");
    assertEquals(List.of(9, 10), result.inFlightSeqs());
  }

  @Test
  void onlyTheWindowIsInFlight() {
    PingResult result = PingResult.parse("10.0.0.4", output(10, List.of(1, 2)), 3);
    assertEquals(List.of(3, 4, 5, 6, 7), result.lostSeqs(), "a path that stopped answering loses everything before the window");
    assertEquals(List.of(8, 9, 10), result.inFlightSeqs());
  }

  @Test
  void aPingThatRanToItsEndHasNothingInFlight() {
    PingResult result = PingResult.parse("10.0.0.4", output(5, List.of(1, 2, 3)), 0);
    assertEquals(List.of(4, 5), result.lostSeqs());
    assertEquals(List.of(), result.inFlightSeqs());
  }

  @Test
  void lostRunsNameTheirSeqsAndWhenTheyWereNoticed() {
    PingResult result = PingResult.parse("10.0.0.4", output(12, List.of(1, 2, 4, 8, 9, 10, 11, 12)), 0);
    assertEquals(List.of("3 @22:13:20.003", "5-7 @22:13:20.005..22:13:20.007"), result.lostRuns());
    assertEquals(List.of(3, 5, 6, 7), result.noAnswerSeqs());
    assertEquals(3, result.longestLostRun());
    assertEquals(0, PingResult.parse("10.0.0.4", output(3, List.of(1, 2, 3)), 0).longestLostRun());
  }
}
