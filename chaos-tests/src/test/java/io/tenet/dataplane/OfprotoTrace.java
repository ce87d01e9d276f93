package io.tenet.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ovs-appctl ofproto/trace br-int} output at the OpenFlow level: every copy br-int
 * sends out (a port, the tunnel with the tun_id and tun_dst set before it, back out of its in_port,
 * or the controller). Sections of other bridges the trace follows (the underlay after a tunnel
 * output) are skipped by their deeper indentation; after a conntrack recirculation the trace
 * resumes with the packet as a new connection's (ofproto/trace's default), and is read on.
 */
final class OfprotoTrace {
  private static final Pattern BRIDGE = Pattern.compile("^(\\s*)bridge\\(\"([^\"]+)\"\\)");
  private static final Pattern FLOW_IN_PORT = Pattern.compile("^Flow: .*?\\bin_port=(\\d+)");
  private static final Pattern OUTPUT = Pattern.compile("^output:(\\d+)$");
  private static final Pattern SET_TUN_ID = Pattern.compile("^set_field:(\\S+)->tun_id$");
  private static final Pattern SET_TUN_DST = Pattern.compile("^set_field:(\\S+)->tun_dst$");

  private OfprotoTrace() {}

  /** Sorted: "port:N", "tunnel:<dst>:<vni as decimal>", "controller"; empty when the packet is dropped. */
  static List<String> outputs(String trace, int tunnelOfport) {
    List<String> outputs = new ArrayList<>();
    String inPort = null;
    String tunId = null;
    String tunDst = null;
    int skipDeeperThan = -1;
    List<String> lines = trace.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher flow = FLOW_IN_PORT.matcher(line);
      if (flow.find() && inPort == null) inPort = flow.group(1);
      int indent = line.length() - line.stripLeading().length();
      if (skipDeeperThan >= 0) {
        if (line.isBlank() || indent >= skipDeeperThan) continue;
        skipDeeperThan = -1;
      }
      Matcher bridge = BRIDGE.matcher(line);
      if (bridge.find()) {
        if (!bridge.group(2).equals("br-int")) skipDeeperThan = bridge.group(1).length();
        continue;
      }
      // a ct(table=N) ends a pass; the trace goes on with the recirculated packet (as a new connection's), read on
      if (line.startsWith("Final flow:") || line.startsWith("Megaflow:") || line.startsWith("Datapath actions:") || line.startsWith("recirc(")) continue;
      String action = line.strip();
      Matcher m;
      if ((m = SET_TUN_ID.matcher(action)).matches()) tunId = m.group(1);
      else if ((m = SET_TUN_DST.matcher(action)).matches()) tunDst = m.group(1);
      else if ((m = OUTPUT.matcher(action)).matches()) {
        String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
        if (next.contains("skipping output to input port")) continue;
        int port = Integer.parseInt(m.group(1));
        outputs.add(port == tunnelOfport ? "tunnel:" + tunDst + ":" + Long.decode(tunId) : "port:" + port);
      } else if (action.equals("IN_PORT")) {
        outputs.add("port:" + inPort);
      } else if (action.startsWith("CONTROLLER") || action.startsWith("controller(")) {
        outputs.add("controller");
      }
    }
    outputs.sort(null);
    return outputs;
  }

  /** What the datapath would do in the end (e.g. "drop"): the last pass's actions when conntrack recirculated the packet. */
  static String datapathActions(String trace) {
    return trace.lines().filter(l -> l.startsWith("Datapath actions:")).map(l -> l.substring("Datapath actions:".length()).strip())
        .reduce((first, last) -> last).orElse("");
  }

  /**
   * Whether the datapath sends nothing anywhere in the end: its last actions are "drop" or only
   * conntrack steps (a new connection committed, then dropped further on, still outputs nothing).
   */
  static boolean outputsNothing(String trace) {
    String rest = datapathActions(trace).replaceAll("ct\\([^)]*\\)", "").replaceAll("recirc\\([^)]*\\)", "").replace(",", "").strip();
    return rest.isEmpty() || rest.equals("drop");
  }

  /** The same words as Tenet's verdict kinds. */
  static String kind(List<String> outputs) {
    if (outputs.isEmpty()) return "dropped";
    if (outputs.size() > 1) return "flooded";
    String only = outputs.get(0);
    return only.startsWith("tunnel") ? "tunnel" : only.equals("controller") ? "controller" : "delivered";
  }
}
