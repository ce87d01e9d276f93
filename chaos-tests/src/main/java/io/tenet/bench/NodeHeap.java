package io.tenet.bench;

import java.nio.file.Path;
import java.util.List;
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

  /** The {@code top} classes by bytes of {@code jcmd <pid> GC.class_histogram}, as "bytes class" lines: where the heap goes. */
  static List<String> largestClasses(long pid, int top) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    List<String> rows = new java.util.ArrayList<>();
    for (String line : run(List.of(jcmd, Long.toString(pid), "GC.class_histogram")).lines().toList()) {
      String[] f = line.trim().split("\\s+");
      // "  1:  123456  7890123  java.lang.String (java.base@17)"
      if (f.length >= 4 && f[0].endsWith(":") && f[2].chars().allMatch(Character::isDigit)) rows.add(f[2] + " " + f[3]);
      if (rows.size() == top) break;
    }
    return rows;
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    return out;
  }
}
