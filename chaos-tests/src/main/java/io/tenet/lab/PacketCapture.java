package io.tenet.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdump on one interface ({@code -n -e -v}, so VXLAN on UDP 4789 is decoded down to the inner
 * Ethernet frame), writing a pcap for Wireshark and text for assertions. Ready (tcpdump listening)
 * when returned.
 */
public final class PacketCapture implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final String interfaceName;
  private final Path pcapFile;
  private final BackgroundCommand tcpdump;
  private List<String> lines;

  private PacketCapture(String interfaceName, Path pcapFile, BackgroundCommand tcpdump) {
    this.interfaceName = interfaceName;
    this.pcapFile = pcapFile;
    this.tcpdump = tcpdump;
  }

  /**
   * @param namespace where the interface is, null for the root namespace
   * @param filter a tcpdump expression such as {@code "udp port 4789"}; null or blank for everything
   */
  static PacketCapture start(String namespace, String interfaceName, String filter, Path outputStem, LabProcesses processes) {
    return start(namespace, interfaceName, filter, outputStem, processes, false);
  }

  /** {@code receivedOnly}: only frames the interface receives (on a veth: what its peer sends), not those it sends. */
  static PacketCapture start(String namespace, String interfaceName, String filter, Path outputStem, LabProcesses processes, boolean receivedOnly) {
    List<String> command = new ArrayList<>();
    if (namespace != null) command.addAll(List.of("ip", "netns", "exec", namespace));
    Path pcap = Path.of(outputStem + ".pcap");
    // --immediate-mode: otherwise libpcap hands packets over in blocks, up to a second late, and
    // the packets of the last second before stop() are missing; -Z root: Debian's tcpdump otherwise
    // drops to user tcpdump before opening the pcap file
    command.addAll(List.of("tcpdump", "-i", interfaceName, "--immediate-mode", "-n", "-e", "-v", "-l", "-U", "-Z", "root",
        "-w", pcap.toString(), "--print"));
    if (receivedOnly) command.addAll(List.of("-Q", "in"));
    if (filter != null && !filter.isBlank()) command.add(filter);
    BackgroundCommand tcpdump = BackgroundCommand.start(command, outputStem, processes);
    PacketCapture capture = new PacketCapture(interfaceName, pcap, tcpdump);
    capture.awaitListening();
    return capture;
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!tcpdump.stderrText().contains("listening on")) {
      if (!tcpdump.isAlive()) throw tcpdump.failure(tcpdump.awaitExit(STOP_TIMEOUT));
      if (System.nanoTime() > deadline) {
        tcpdump.signal("TERM");
        throw tcpdump.failure(tcpdump.awaitExit(STOP_TIMEOUT));
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for tcpdump", e);
      }
    }
  }

  public String interfaceName() {
    return interfaceName;
  }

  public Path pcapFile() {
    return pcapFile;
  }

  public long pid() {
    return tcpdump.pid();
  }

  /** Stops tcpdump and returns its text output; repeated calls return the same lines. */
  public synchronized List<String> stop() {
    if (lines != null) return lines;
    tcpdump.signal("TERM");
    tcpdump.awaitExit(STOP_TIMEOUT);
    lines = List.copyOf(tcpdump.stdoutLines());
    return lines;
  }

  /**
   * The captured packets after {@link #stop()}, one string each: with -v tcpdump continues a packet
   * on indented lines (for VXLAN: the outer header, then the inner frame), joined here with "\n".
   */
  public synchronized List<String> packets() {
    List<String> packets = new ArrayList<>();
    StringBuilder current = null;
    for (String line : stop()) {
      boolean continuation = line.startsWith(" ") || line.startsWith("\t") || !line.matches("^\\d\\d:\\d\\d:\\d\\d\\..*");
      if (continuation && current != null) {
        current.append('\n').append(line);
      } else {
        if (current != null) packets.add(current.toString());
        current = new StringBuilder(line);
      }
    }
    if (current != null) packets.add(current.toString());
    return packets;
  }

  @Override
  public void close() {
    stop();
  }
}
