package io.tenet.lab;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an iputils ping run ({@code -D -O}) saw, from its output.
 *
 * @param transmitted echo requests sent (icmp_seq 1..transmitted)
 * @param replies the first reply to each answered seq, in arrival order; duplicates are left out
 * @param lostSeqs seqs that never got a reply; a ping stopped from outside leaves its last seqs out
 *     when unanswered, because those requests may still have been on their way (see {@code inFlightSeqs})
 * @param noAnswerAt when ping reported a seq as "no answer yet", as it sent the next one (a late
 *     reply may still have come: those seqs are then in {@code replies}, not in {@code lostSeqs})
 * @param inFlightSeqs the unanswered seqs a stopped ping sent last, within its in-flight window and
 *     after its last answered one
 * @param output ping's stdout, line by line
 */
public record PingResult(
    String target,
    int transmitted,
    List<PingReply> replies,
    List<Integer> lostSeqs,
    Map<Integer, Instant> noAnswerAt,
    List<Integer> inFlightSeqs,
    List<String> output) {

  private static final Pattern REPLY = Pattern.compile(
      "^\\[(\\d+)\\.(\\d+)] \\d+ bytes from [^:]+: icmp_seq=(\\d+) ttl=(\\d+) time=([\\d.]+) ms( \\(DUP!\\))?");
  private static final DateTimeFormatter NOTICED = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final Pattern STAMP = Pattern.compile("^\\[(\\d+)\\.(\\d+)]");
  private static final Pattern NO_ANSWER = Pattern.compile("no answer yet for icmp_seq=(\\d+)");
  private static final Pattern ANY_SEQ = Pattern.compile("icmp_seq=(\\d+)");
  private static final Pattern SUMMARY = Pattern.compile("^(\\d+) packets transmitted, (\\d+) received");

  public PingResult {
    replies = List.copyOf(replies);
    lostSeqs = List.copyOf(lostSeqs);
    noAnswerAt = Collections.unmodifiableMap(new TreeMap<>(noAnswerAt));
    inFlightSeqs = List.copyOf(inFlightSeqs);
    output = List.copyOf(output);
  }

  public int received() {
    return replies.size();
  }

  public List<Integer> repliedSeqs() {
    return replies.stream().map(PingReply::seq).toList();
  }

  public List<Double> rttsMillis() {
    return replies.stream().map(PingReply::rttMillis).toList();
  }

  public boolean noneLost() {
    return lostSeqs.isEmpty();
  }

  /** The most seqs lost in a row (0 when none was). */
  public int longestLostRun() {
    return lossRuns().stream().mapToInt(run -> run[1] - run[0] + 1).max().orElse(0);
  }

  /** The seqs ping reported as "no answer yet", in order. */
  public List<Integer> noAnswerSeqs() {
    return List.copyOf(noAnswerAt.keySet());
  }

  /**
   * The lost seqs as runs of consecutive seqs, each with when ping first noticed it unanswered
   * (about one interval after sending it), e.g. {@code "812 @04:50:12.345"} or
   * {@code "400-846 @04:50:03.100..04:50:12.001"}: what a lost ping is lined up with in the logs.
   */
  public List<String> lostRuns() {
    List<String> runs = new ArrayList<>();
    for (int[] run : lossRuns()) {
      int first = run[0];
      int last = run[1];
      runs.add(first == last ? first + " @" + noticed(first) : first + "-" + last + " @" + noticed(first) + ".." + noticed(last));
    }
    return runs;
  }

  /** The lost seqs grouped into runs of consecutive seqs, each as {first, last}. */
  private List<int[]> lossRuns() {
    List<int[]> runs = new ArrayList<>();
    for (int seq : lostSeqs) {
      int[] current = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (current != null && seq == current[1] + 1) current[1] = seq;
      else runs.add(new int[] {seq, seq});
    }
    return runs;
  }

  private String noticed(int seq) {
    Instant at = noAnswerAt.get(seq);
    return at == null ? "?" : NOTICED.format(at);
  }

  /**
   * @param inFlightWindow for a ping ended by a signal, how many of its last requests may still
   *     have been on their way (their replies would have come after it stopped): unanswered, they
   *     are in flight, not lost; 0 for a ping that ran to its count or deadline
   */
  static PingResult parse(String target, List<String> lines, int inFlightWindow) {
    List<PingReply> replies = new ArrayList<>();
    Set<Integer> replied = new LinkedHashSet<>();
    Map<Integer, Instant> noAnswer = new HashMap<>();
    int transmitted = -1;
    int highestSeq = 0;
    for (String line : lines) {
      Matcher reply = REPLY.matcher(line);
      Matcher noAnswerLine = NO_ANSWER.matcher(line);
      Matcher summary = SUMMARY.matcher(line);
      Matcher anySeq = ANY_SEQ.matcher(line);
      if (anySeq.find()) highestSeq = Math.max(highestSeq, Integer.parseInt(anySeq.group(1)));
      if (reply.find()) {
        int seq = Integer.parseInt(reply.group(3));
        if (reply.group(6) == null && replied.add(seq)) {
          Instant at = Instant.ofEpochSecond(Long.parseLong(reply.group(1)), microsAsNanos(reply.group(2)));
          replies.add(new PingReply(seq, Integer.parseInt(reply.group(4)), Double.parseDouble(reply.group(5)), at));
        }
      } else if (noAnswerLine.find()) {
        Matcher stamp = STAMP.matcher(line);
        Instant at = stamp.find() ? Instant.ofEpochSecond(Long.parseLong(stamp.group(1)), microsAsNanos(stamp.group(2))) : null;
        if (at != null) noAnswer.putIfAbsent(Integer.parseInt(noAnswerLine.group(1)), at);
      } else if (summary.find()) {
        transmitted = Integer.parseInt(summary.group(1));
      }
    }
    // without a summary (ping killed hard) the highest seq seen is the best estimate
    if (transmitted < 0) transmitted = highestSeq;
    Set<Integer> lost = new TreeSet<>();
    for (int seq = 1; seq <= transmitted; seq++) {
      if (!replied.contains(seq)) lost.add(seq);
    }
    // in flight: unanswered, among the last requests, and after the last one answered (a later
    // reply shows an earlier request was lost, not late)
    int lastReplied = replied.stream().mapToInt(Integer::intValue).max().orElse(0);
    List<Integer> inFlight = new ArrayList<>();
    for (int seq = Math.max(lastReplied + 1, transmitted - inFlightWindow + 1); seq <= transmitted; seq++) {
      if (lost.remove(seq)) inFlight.add(seq);
    }
    return new PingResult(target, transmitted, replies, List.copyOf(lost), noAnswer, inFlight, lines);
  }

  private static long microsAsNanos(String fraction) {
    String nanos = (fraction + "000000000").substring(0, 9);
    return Long.parseLong(nanos);
  }
}
