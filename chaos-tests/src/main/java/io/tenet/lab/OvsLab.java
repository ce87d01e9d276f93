package io.tenet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several hypervisors on one machine for end-to-end tests and benchmarks, each a network namespace
 * with its own Open vSwitch (userspace datapath), joined by two Linux bridges in the root namespace:
 *
 * <pre>
 *   root namespace: controller(s) on 172.30.N.254, .253, ...
 *     tlabNNN-m (management bridge, 172.30.N.254/24) --veth tlabNNN-mK-- hvK: mgmt0 172.30.N.K
 *     tlabNNN-u (underlay bridge, no address)         --veth tlabNNN-uK-- hvK: underlay0 in br-phy, br-phy 172.31.N.K
 *   VM: namespace tlabNNN-vm-NAME, eth0 --veth-- tap-NAME on br-int of its hypervisor
 * </pre>
 *
 * NNN is the lab number claimed in /tmp/tenet-labs/tlabNNN, which also holds the OVS databases,
 * sockets and logs. {@link #close()} ends every process the lab started (by PID), deletes its
 * namespaces, links and directory; it also runs from a shutdown hook, and {@link #start} sweeps
 * away labs of JVMs that died without closing theirs.
 */
public final class OvsLab implements AutoCloseable {
  private static final AtomicInteger FILE_COUNTER = new AtomicInteger();

  private final LabLayout layout;
  private final Path directory;
  private final LabProcesses processes;
  private final StartHook startHook;
  private final List<Hypervisor> hypervisors = new ArrayList<>();
  private final Map<String, Vm> vms = new LinkedHashMap<>();
  private final List<String> controllerAddresses = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private PhysicalNetwork physicalNetwork;
  private final Thread shutdownHook;

  private OvsLab(LabLayout layout, StartHook startHook) {
    this.layout = layout;
    this.directory = LabRegistry.directory(layout);
    this.processes = new LabProcesses(directory);
    this.startHook = startHook;
    this.shutdownHook = new Thread(this::closeFromShutdownHook, "ovs-lab-" + layout.prefix() + "-cleanup");
  }

  /** Starts a lab with hypervisors hv1..hvN, booted in parallel (about 0.4 s for three, 1.2 s for ten on 2 cores). */
  public static OvsLab start(int hypervisorCount) {
    return start(hypervisorCount, StartHook.NONE);
  }

  static OvsLab start(int hypervisorCount, StartHook startHook) {
    if (hypervisorCount < 1 || hypervisorCount > LabLayout.MAX_HYPERVISORS) {
      throw new IllegalArgumentException("hypervisors: 1.." + LabLayout.MAX_HYPERVISORS + ", not " + hypervisorCount);
    }
    OvsLab lab = new OvsLab(LabRegistry.claim(), startHook);
    Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
    try {
      lab.createRootBridges();
      lab.bootHypervisors(hypervisorCount);
      lab.warmUnderlay();
      return lab;
    } catch (RuntimeException | Error e) {
      try {
        lab.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Removes leftovers of labs whose JVM is gone (also done by every {@link #start}). */
  public static void sweepStale() {
    LabRegistry.sweepStale();
  }

  private void createRootBridges() {
    String underlay = layout.underlayBridge();
    String management = layout.managementBridge();
    // fixed MACs: a bridge otherwise takes its lowest port MAC, which changes as hypervisors join
    // and leaves their ARP entries for the controller address stale
    IpBatch.run(null, List.of(
        "link add " + underlay + " address " + layout.rootBridgeMac(1) + " type bridge",
        "link add " + management + " address " + layout.rootBridgeMac(2) + " type bridge"));
    disableIpv6(underlay);
    disableIpv6(management);
    String controller = layout.managementIp(LabLayout.FIRST_CONTROLLER_HOST);
    IpBatch.run(null, List.of(
        "addr add " + controller + "/" + LabLayout.SUBNET_BITS + " dev " + management,
        "link set " + underlay + " up",
        "link set " + management + " up"));
    controllerAddresses.add(controller);
  }

  private void bootHypervisors(int count) {
    List<Callable<Hypervisor>> boots = new ArrayList<>();
    for (int number = 1; number <= count; number++) {
      int hv = number;
      boots.add(() -> {
        Hypervisor booted = Hypervisor.boot(this, layout, hv, directory);
        startHook.hypervisorStarted(this, booted);
        return booted;
      });
    }
    List<Hypervisor> booted = Parallel.runAll("ovs-lab-" + layout.prefix() + "-boot", boots);
    synchronized (this) {
      hypervisors.addAll(booted);
    }
  }

  /** Like {@code tlab007}: starts the name of every namespace and root namespace link of this lab. */
  public String prefix() {
    return layout.prefix();
  }

  /** /tmp/tenet-labs/&lt;prefix&gt;: OVS databases, sockets, logs, captures and ping outputs. */
  public Path directory() {
    return directory;
  }

  /** The root namespace address hypervisors reach controllers on (172.30.N.254). */
  public String controllerAddress() {
    return layout.managementIp(LabLayout.FIRST_CONTROLLER_HOST);
  }

  /** One more root namespace address on the management bridge (.253, .252, ...) for another controller. */
  public synchronized String addControllerAddress() {
    String address = layout.managementIp(nextControllerHost());
    Command.run(List.of("ip", "addr", "add", address + "/" + LabLayout.SUBNET_BITS, "dev", layout.managementBridge()));
    controllerAddresses.add(address);
    return address;
  }

  /**
   * A namespace for one controller node on the management network, with the next controller
   * address (.253, .252, ...): the node binds its API, cluster, OpenFlow and OVSDB ports there and
   * reaches Cassandra, the other nodes and the hypervisors over the bridge, as a separate VM would.
   */
  public synchronized ControllerHost addControllerHost() {
    if (closed.get()) throw new IllegalStateException("lab " + prefix() + " is closed");
    int host = nextControllerHost();
    ControllerHost controller = new ControllerHost(layout.controllerNamespace(host), layout.managementIp(host), layout.controllerVeth(host));
    Command.run(List.of("ip", "netns", "add", controller.namespace()));
    IpBatch.run(null, List.of("link add " + controller.rootVeth() + " type veth peer name " + LabLayout.CONTROLLER_LINK + " netns " + controller.namespace()));
    disableIpv6(controller.rootVeth());
    IpBatch.run(null, List.of("link set " + controller.rootVeth() + " master " + layout.managementBridge() + " up"));
    IpBatch.run(controller.namespace(), List.of(
        "link set lo up",
        "addr add " + controller.address() + "/" + LabLayout.SUBNET_BITS + " dev " + LabLayout.CONTROLLER_LINK,
        "link set " + LabLayout.CONTROLLER_LINK + " up"));
    controllerAddresses.add(controller.address());
    return controller;
  }

  /** A network partition around one controller: its link goes down, so nothing reaches it and it reaches nothing. */
  public void isolate(ControllerHost controller) {
    Command.run(List.of("ip", "link", "set", controller.rootVeth(), "down"));
  }

  /** Heals {@link #isolate}. */
  public void reconnect(ControllerHost controller) {
    Command.run(List.of("ip", "link", "set", controller.rootVeth(), "up"));
  }

  /**
   * A partial partition: {@code controller} and each of {@code peers} can no longer reach each
   * other (a blackhole route on both sides), while the hypervisors and Cassandra still reach all of
   * them. The cut controller keeps its OpenFlow and OVSDB connections: the hardest case for
   * "one master, one writer".
   */
  public void separate(ControllerHost controller, List<ControllerHost> peers) {
    for (ControllerHost peer : peers) {
      IpBatch.run(controller.namespace(), List.of("route add blackhole " + peer.address() + "/32"));
      IpBatch.run(peer.namespace(), List.of("route add blackhole " + controller.address() + "/32"));
    }
  }

  /** Heals {@link #separate}. */
  public void unseparate(ControllerHost controller, List<ControllerHost> peers) {
    for (ControllerHost peer : peers) {
      IpBatch.run(controller.namespace(), List.of("route del blackhole " + peer.address() + "/32"));
      IpBatch.run(peer.namespace(), List.of("route del blackhole " + controller.address() + "/32"));
    }
  }

  private int nextControllerHost() {
    int host = LabLayout.FIRST_CONTROLLER_HOST - controllerAddresses.size();
    if (host < LabLayout.LAST_CONTROLLER_HOST) throw new IllegalStateException("no more controller addresses");
    return host;
  }

  public String managementSubnet() {
    return layout.managementSubnet();
  }

  public String underlaySubnet() {
    return layout.underlaySubnet();
  }

  /** @param number 1-based */
  public synchronized Hypervisor hypervisor(int number) {
    if (number < 1 || number > hypervisors.size()) throw new IllegalArgumentException("no hypervisor " + number + " (lab has " + hypervisors.size() + ")");
    return hypervisors.get(number - 1);
  }

  public synchronized List<Hypervisor> hypervisors() {
    return List.copyOf(hypervisors);
  }

  public synchronized Vm vm(String name) {
    Vm vm = vms.get(name);
    if (vm == null) throw new IllegalArgumentException("no VM " + name);
    return vm;
  }

  /** Every hypervisor: encap settings plus {@code set-manager tcp:host:port}. */
  public void connectTo(String controllerHost, int ovsdbPort) {
    connectTo(List.of("tcp:" + controllerHost + ":" + ovsdbPort));
  }

  /** Every hypervisor: encap settings plus these OVSDB manager targets ("tcp:ip:port"), e.g. one per controller. */
  public void connectTo(List<String> managerTargets) {
    for (Hypervisor hypervisor : hypervisors()) hypervisor.connectTo(managerTargets);
  }

  /**
   * Tells every hypervisor's vswitchd the underlay MAC of every other one ({@code tnl/neigh/set};
   * done by {@link #start}). vswitchd otherwise learns a tunnel destination's MAC only by snooping
   * ARP once tunnel ports exist, drops the first packet into a tunnel while it asks, and a VM's
   * first ping then waits about a second for its ARP retry. The entries age out after
   * {@code tnl/neigh/aging} (set to its maximum, 3600 s): call this again in longer runs.
   */
  public void warmUnderlay() {
    List<Hypervisor> all = hypervisors();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Hypervisor hypervisor : all) {
      tasks.add(() -> {
        hypervisor.learnUnderlayNeighbours(all);
        return null;
      });
    }
    Parallel.runAll("ovs-lab-" + layout.prefix() + "-warm", tasks);
  }

  /**
   * tcpdump on the underlay bridge: every frame between hypervisors (a bridge in promiscuous mode,
   * as tcpdump puts it, also hands forwarded frames to the capture). {@code -v} decodes VXLAN and
   * the inner frame, e.g. to show that no ARP request crosses a tunnel.
   *
   * @param filter tcpdump expression, e.g. "udp port 4789"; null for everything
   */
  /** Creates the lab's physical network (one per lab), with no uplink or host yet. */
  public synchronized PhysicalNetwork physicalNetwork() {
    if (physicalNetwork != null) return physicalNetwork;
    String bridge = layout.prefix() + "-x";
    IpBatch.run(null, List.of("link add " + bridge + " type bridge", "link set " + bridge + " up"));
    disableIpv6(bridge);
    physicalNetwork = new PhysicalNetwork(this, bridge);
    return physicalNetwork;
  }

  public PacketCapture captureUnderlay(String filter) {
    return PacketCapture.start(null, layout.underlayBridge(), filter, workFile("capture-underlay"), processes);
  }

  /** Idempotent; throws if something could not be removed (after trying everything). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway and finds the lab closed
      } catch (IllegalArgumentException neverRegistered) {
        // start() failed before registering it
      }
    }
    // pings and captures are in `processes` too; stopping them all at once with the daemons is faster
    LabTeardown.remove(layout, directory, processes.all());
  }

  private void closeFromShutdownHook() {
    try {
      close();
    } catch (RuntimeException e) {
      System.err.println("ovs lab " + layout.prefix() + ": cleanup at JVM exit incomplete: " + e.getMessage());
    }
  }

  synchronized Vm createVm(String name, String mac, String ifaceId, String cidr) {
    if (closed.get()) throw new IllegalStateException("lab " + prefix() + " is closed");
    if (!Vm.NAME.matcher(name).matches()) throw new IllegalArgumentException("VM name must match " + Vm.NAME + ": " + name);
    if (vms.containsKey(name)) throw new IllegalArgumentException("VM " + name + " exists");
    Vm vm = new Vm(this, name, layout.vmNamespace(name), ifaceId, mac, cidr);
    Command.run(List.of("ip", "netns", "add", vm.namespace()));
    vms.put(name, vm);
    return vm;
  }

  synchronized void discardVm(Vm vm, RuntimeException cause) {
    vms.remove(vm.name());
    try {
      Command.run(List.of("ip", "netns", "delete", vm.namespace()));
    } catch (RuntimeException cleanup) {
      cause.addSuppressed(cleanup);
    }
  }

  LabProcesses processes() {
    return processes;
  }

  /** PIDs of every process the lab started so far (daemons, pings, captures). */
  List<Long> processIds() {
    return processes.all().stream().map(ProcessHandle::pid).toList();
  }

  /** A fresh file stem in the lab directory for a background command's output. */
  Path workFile(String stem) {
    // a process started after close() would outlive the lab
    if (closed.get()) throw new IllegalStateException("lab " + prefix() + " is closed");
    return directory.resolve("work").resolve(stem + "-" + FILE_COUNTER.incrementAndGet());
  }

  /** The lab is IPv4 only: no router solicitations or DAD in underlay captures (skipped on kernels without IPv6). */
  static void disableIpv6(String rootNamespaceLink) {
    Path setting = Path.of("/proc/sys/net/ipv6/conf", rootNamespaceLink, "disable_ipv6");
    if (!Files.exists(setting)) return;
    try {
      Files.writeString(setting, "1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
