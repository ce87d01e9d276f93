package io.tenet.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A "VM": a network namespace whose {@code eth0} is one end of a veth; the other end sits in the
 * hypervisor's namespace as an OVS port of br-int. The namespace outlives unplugging, so a
 * migration keeps the VM's MAC, address and gateway: only the link moves.
 */
public final class Vm {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,10}");
  private static final Duration PING_GRACE = Duration.ofSeconds(5);

  private final OvsLab lab;
  private final String name;
  private final String namespace;
  private final String ifaceId;
  private String mac;
  private String cidr;
  private String gateway;
  private Hypervisor hypervisor;

  Vm(OvsLab lab, String name, String namespace, String ifaceId, String mac, String cidr) {
    this.lab = lab;
    this.name = name;
    this.namespace = namespace;
    this.ifaceId = ifaceId;
    this.mac = mac;
    this.cidr = cidr;
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return namespace;
  }

  /** The logical port this VM is bound to: {@code external_ids:iface-id} of its OVS interface. */
  public String ifaceId() {
    return ifaceId;
  }

  /** The OVS port (and veth) name on the hypervisor side: {@code tap-<name>}. */
  public String portName() {
    return "tap-" + name;
  }

  public synchronized String mac() {
    return mac;
  }

  /** The address with prefix length ("10.0.0.5/24"), or null when none is configured. */
  public synchronized String cidr() {
    return cidr;
  }

  /** The address without prefix length, or null. */
  public synchronized String ip() {
    return cidr == null ? null : cidr.substring(0, cidr.indexOf('/'));
  }

  /** The hypervisor the VM is plugged into, null while unplugged. */
  public synchronized Hypervisor hypervisor() {
    return hypervisor;
  }

  /** Runs a command inside the VM; returns stdout, throws with stderr on failure. */
  public String exec(String... command) {
    return Command.run(inside(List.of(command)));
  }

  /**
   * {@code ping -c count -i interval -w deadline}: blocks until {@code count} replies or the
   * deadline. An unanswered ping is a result, not an error.
   */
  public PingResult ping(String target, int count, double intervalSeconds, int deadlineSeconds) {
    List<String> command = inside(List.of("ping", "-n", "-D", "-O", "-c", Integer.toString(count),
        "-i", seconds(intervalSeconds), "-w", Integer.toString(deadlineSeconds), target));
    Command.Result result = Command.runAllowingFailure(command, Map.of(), null, Duration.ofSeconds(deadlineSeconds).plus(PING_GRACE));
    if (result.exitCode() > 1) throw new CommandFailedException(command, result.exitCode(), result.stdout(), result.stderr());
    return PingResult.parse(target, result.stdout().lines().toList(), 0);
  }

  /** Starts {@code ping -i <interval> -D -O target} in the background; stop it to read the result. */
  public RunningPing startPing(String target, long intervalMillis) {
    List<String> command = inside(List.of("ping", "-n", "-D", "-O", "-i", seconds(intervalMillis / 1000.0), target));
    return new RunningPing(target, intervalMillis, BackgroundCommand.start(command, lab.workFile("ping-" + name), lab.processes()));
  }

  /** A TCP server in the background that echoes what it is sent (busybox nc), until the lab closes. */
  public void serveTcpEcho(int port) {
    BackgroundCommand.start(inside(List.of("busybox", "nc", "-ll", "-p", Integer.toString(port), "-e", "/bin/cat")), lab.workFile("nc-" + name + "-" + port),
        lab.processes());
  }

  /** Opens one TCP connection to an echo server at {@code target:port} and keeps it busy; close it to stop. */
  public RunningTcpStream startTcpStream(String target, int port, long intervalMillis) {
    List<String> command = inside(List.of("python3", "-c", RunningTcpStream.CLIENT, target, Integer.toString(port), seconds(intervalMillis / 1000.0)));
    return new RunningTcpStream(BackgroundCommand.start(command, lab.workFile("tcp-" + name + "-" + port), lab.processes()));
  }

  /**
   * Connects to {@code target:port}, sends a line and returns what came back within
   * {@code timeoutSeconds} (empty when the connection was refused, dropped or timed out).
   */
  public String tcpExchange(String target, int port, String line, int timeoutSeconds) {
    List<String> command = inside(List.of("sh", "-c", "echo " + line + " | busybox nc -w " + timeoutSeconds + " " + target + " " + port));
    Command.Result result = Command.runAllowingFailure(command, Map.of(), null, Duration.ofSeconds(timeoutSeconds).plus(PING_GRACE));
    return result.stdout().trim();
  }

  /** tcpdump on the VM's own eth0: what it sends and receives, as the VM sees it. */
  public PacketCapture capture(String filter) {
    return PacketCapture.start(namespace, LabLayout.VM_LINK, filter, lab.workFile("capture-" + name), lab.processes());
  }

  /** Changes the MAC inside the VM (as a guest would); OVS's attached-mac stays what it was at plug time. */
  public synchronized void setMac(String newMac) {
    if (hypervisor != null) Command.run(List.of("ip", "-n", namespace, "link", "set", LabLayout.VM_LINK, "address", newMac));
    mac = newMac;
  }

  /** Replaces the VM's IPv4 address ("10.0.0.7/24"); null removes it. */
  public synchronized void setIp(String newCidr) {
    if (hypervisor != null) {
      Command.run(List.of("ip", "-n", namespace, "-4", "addr", "flush", "dev", LabLayout.VM_LINK));
      if (newCidr != null) Command.run(List.of("ip", "-n", namespace, "addr", "add", newCidr, "dev", LabLayout.VM_LINK));
    }
    cidr = newCidr;
  }

  /** Sets the default route via {@code gatewayIp}; null removes it. */
  public synchronized void setGateway(String gatewayIp) {
    if (hypervisor != null) {
      if (gatewayIp != null) {
        Command.run(List.of("ip", "-n", namespace, "route", "replace", "default", "via", gatewayIp, "dev", LabLayout.VM_LINK));
      } else if (gateway != null) {
        Command.run(List.of("ip", "-n", namespace, "route", "del", "default"));
      }
    }
    gateway = gatewayIp;
  }

  /** A gratuitous ARP for the VM's address, as a hypervisor sends after a live migration. */
  public void announce() {
    String address = ip();
    if (address == null) throw new IllegalStateException(name + " has no IPv4 address to announce");
    exec("busybox", "arping", "-U", "-c", "1", "-I", LabLayout.VM_LINK, address);
  }

  /** Brings up eth0 (just created by the hypervisor) with the VM's MAC, address and route. */
  synchronized void configureLink(Hypervisor pluggedInto) {
    List<String> batch = new ArrayList<>();
    batch.add("link set lo up");
    batch.add("link set " + LabLayout.VM_LINK + " address " + mac + " mtu " + LabLayout.VM_MTU);
    if (cidr != null) batch.add("addr add " + cidr + " dev " + LabLayout.VM_LINK);
    batch.add("link set " + LabLayout.VM_LINK + " up");
    if (gateway != null) batch.add("route replace default via " + gateway + " dev " + LabLayout.VM_LINK);
    IpBatch.run(namespace, batch);
    // veth TX checksum offload leaves TCP/UDP checksums unfilled, and userspace OVS forwards them so
    exec("ethtool", "-K", LabLayout.VM_LINK, "tx", "off");
    hypervisor = pluggedInto;
  }

  synchronized void markUnplugged() {
    hypervisor = null;
  }

  private List<String> inside(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }
}
