package io.tenet.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a node's JVM uses after a full collection, read with {@code jcmd} (same JDK as the benchmark). */
final class NodeHeap {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private NodeHeap() {}

  /** MiB in use after {@code jcmd <pid> GC.run}; the first "used" of {@code GC.heap_info} is the whole heap's. */
  static double usedAfterGc(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(List.of(jcmd, Long.toString(pid), "GC.run"));
    String info = run(List.of(jcmd, Long.toString(pid), "GC.heap_info"));
    Matcher used = USED.matcher(info);
    if (!used.find()) throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + info);
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  /** Bytes per class in {@code jcmd <pid> GC.class_histogram} (a full collection first): what the heap holds. */
  static Map<String, Long> histogram(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Map<String, Long> bytes = new HashMap<>();
    String out = run(List.of(jcmd, Long.toString(pid), "GC.class_histogram"));
    String keep = System.getProperty("tenet.bench.histograms", "");
    if (!keep.isBlank()) java.nio.file.Files.writeString(Path.of(keep, "histogram-" + System.nanoTime() + ".txt"), out);
    for (String line : out.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      // "  1:  123456  7890123  java.lang.String (java.base@17)"
      if (f.length >= 4 && f[0].endsWith(":") && f[2].chars().allMatch(Character::isDigit)) bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
    }
    return bytes;
  }

  /** The {@code top} classes of {@code histogram} by bytes, as "bytes class" lines. */
  static List<String> largest(Map<String, Long> histogram, int top) {
    return histogram.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .map(e -> e.getValue() + " " + e.getKey()).toList();
  }

  /** The {@code top} classes by bytes grown from {@code before} to {@code after}, divided by {@code per}: what each added thing costs. */
  static List<String> largestGrowth(Map<String, Long> before, Map<String, Long> after, int per, int top) {
    Map<String, Long> growth = new HashMap<>();
    after.forEach((type, bytes) -> growth.put(type, (bytes - before.getOrDefault(type, 0L)) / per));
    return largest(growth, top);
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    return out;
  }
}
