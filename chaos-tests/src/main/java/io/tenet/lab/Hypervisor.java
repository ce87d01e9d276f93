package io.tenet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One emulated hypervisor: a network namespace with its own ovsdb-server and ovs-vswitchd
 * (userspace datapath), an underlay link into the lab's underlay bridge through the netdev bridge
 * br-phy, whose internal port carries the encap IP, and a management link. It has no br-int until
 * a controller (or a test standing in for one) creates it.
 */
public final class Hypervisor {
  static final String INTEGRATION_BRIDGE = "br-int";
  /** How long {@link #plugVm} waits for br-int, which the controller creates after {@code connectTo}. */
  static final Duration INTEGRATION_BRIDGE_WAIT = Duration.ofSeconds(10);
  private static final Duration ROUTE_WAIT = Duration.ofSeconds(10);
  private static final String VSWITCH_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
  private static final String DEFAULT_VSCTL_TIMEOUT = "--timeout=30";

  private final OvsLab lab;
  private final LabLayout layout;
  private final int number;
  private final Path directory;
  private volatile ProcessHandle ovsdbServer;
  private volatile ProcessHandle vswitchd;

  private Hypervisor(OvsLab lab, LabLayout layout, int number, Path directory) {
    this.lab = lab;
    this.layout = layout;
    this.number = number;
    this.directory = directory;
  }

  /** Builds the namespace, links and daemons; anything made before a failure is left for the lab's teardown. */
  static Hypervisor boot(OvsLab lab, LabLayout layout, int number, Path labDirectory) {
    Hypervisor hv = new Hypervisor(lab, layout, number, labDirectory.resolve("hv" + number));
    hv.createNamespaceAndLinks();
    hv.startDaemons();
    hv.createUnderlayBridge();
    return hv;
  }

  private void createNamespaceAndLinks() {
    String namespace = namespace();
    Command.run(List.of("ip", "netns", "add", namespace));
    // the lab is IPv4 only: no router solicitations or DAD in underlay captures (-e: fine without IPv6)
    Command.run(List.of("ip", "netns", "exec", namespace, "sysctl", "-q", "-e", "-w",
        "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"));
    String underlay = layout.underlayVeth(number);
    String management = layout.managementVeth(number);
    IpBatch.run(null, List.of(
        "link add " + underlay + " mtu " + LabLayout.UNDERLAY_MTU + " type veth peer name " + LabLayout.HV_UNDERLAY_LINK
            + " netns " + namespace + " mtu " + LabLayout.UNDERLAY_MTU,
        "link add " + management + " type veth peer name " + LabLayout.HV_MANAGEMENT_LINK + " netns " + namespace));
    OvsLab.disableIpv6(underlay);
    OvsLab.disableIpv6(management);
    IpBatch.run(null, List.of(
        "link set " + underlay + " master " + layout.underlayBridge() + " up",
        "link set " + management + " master " + layout.managementBridge() + " up"));
    IpBatch.run(namespace, List.of(
        "link set lo up",
        "link set " + LabLayout.HV_UNDERLAY_LINK + " up",
        "addr add " + managementIp() + "/" + LabLayout.SUBNET_BITS + " dev " + LabLayout.HV_MANAGEMENT_LINK,
        "link set " + LabLayout.HV_MANAGEMENT_LINK + " up"));
  }

  private void startDaemons() {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path db = directory.resolve("conf.db");
    Command.run(List.of("ovsdb-tool", "create", db.toString(), VSWITCH_SCHEMA));
    // --detach returns once the daemon is ready; the pid file then names exactly that process
    runInNamespace(List.of("ovsdb-server", db.toString(),
        "--remote=punix:" + dbSocket(),
        // what ovs-ctl adds: without it `ovs-vsctl set-manager` would never make ovsdb-server connect out
        "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
        "--pidfile=" + directory.resolve("ovsdb-server.pid"), "--detach",
        "--log-file=" + directory.resolve("ovsdb-server.log"), "--unixctl=" + directory.resolve("ovsdb-server.ctl")));
    ovsdbServer = trackPidFile(directory.resolve("ovsdb-server.pid"), "ovsdb-server " + name());
    vsctl("--no-wait", "init");
    launchVswitchd();
  }

  private void launchVswitchd() {
    runInNamespace(List.of("ovs-vswitchd", "unix:" + dbSocket(),
        "--pidfile=" + directory.resolve("ovs-vswitchd.pid"), "--detach",
        "--log-file=" + directory.resolve("ovs-vswitchd.log"), "--unixctl=" + vswitchdControl()));
    vswitchd = trackPidFile(directory.resolve("ovs-vswitchd.pid"), "ovs-vswitchd " + name());
  }

  /** kill -9 of ovs-vswitchd: forwarding stops and every OpenFlow flow and group is gone; ovsdb-server and its database stay. */
  public void killVswitchd() {
    ProcessHandle process = vswitchd;
    process.destroyForcibly();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (RunningProcesses.isRunning(process)) {
      if (System.nanoTime() > deadline) throw new IllegalStateException(name() + ": ovs-vswitchd " + process.pid() + " survived SIGKILL");
      OvsLab.sleep(Duration.ofMillis(10));
    }
  }

  /**
   * Starts ovs-vswitchd again on the same database, as after a crash or an upgrade: bridges and
   * ports come back from OVSDB (OpenFlow port numbers too), the OpenFlow tables stay empty until a
   * controller fills them. Returns once the underlay works again.
   */
  public void startVswitchd() {
    launchVswitchd();
    awaitUnderlayRoute();
    appctl("tnl/neigh/aging", Long.toString(LabLayout.UNDERLAY_NEIGHBOUR_AGING.toSeconds()));
    learnUnderlayNeighbours(lab.hypervisors());
  }

  private void createUnderlayBridge() {
    String bridge = LabLayout.UNDERLAY_BRIDGE_IN_HV;
    // a fixed MAC, so every other hypervisor can be told it without asking (see OvsLab.warmUnderlay)
    vsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev", "other_config:hwaddr=" + underlayMac(),
        "--", "add-port", bridge, LabLayout.HV_UNDERLAY_LINK,
        "--", "set", "interface", bridge, "mtu_request=" + LabLayout.UNDERLAY_MTU);
    IpBatch.run(namespace(), List.of(
        "addr add " + encapIp() + "/" + LabLayout.SUBNET_BITS + " dev " + bridge,
        "link set " + bridge + " up"));
    awaitUnderlayRoute();
    appctl("tnl/neigh/aging", Long.toString(LabLayout.UNDERLAY_NEIGHBOUR_AGING.toSeconds()));
  }

  /**
   * Hands this hypervisor to OVN instead of Tenet (the side-by-side benchmark): the chassis
   * settings ovn-controller reads from the local OVSDB, then ovn-controller in this namespace,
   * which creates br-int with the userspace datapath and Geneve tunnels to the other chassis.
   * Returns its pid; the lab stops it on close.
   */
  public long startOvnController(String southbound) {
    vsctl("set", "Open_vSwitch", ".", "external_ids:system-id=" + name(), "external_ids:hostname=" + name(),
        "external_ids:ovn-remote=" + southbound, "external_ids:ovn-encap-type=geneve", "external_ids:ovn-encap-ip=" + encapIp(),
        "external_ids:ovn-bridge-datapath-type=netdev");
    Path pidFile = directory.resolve("ovn-controller.pid");
    // its control socket goes to OVN_RUNDIR, this hypervisor's directory (it takes no --unixctl)
    runInNamespace(List.of("ovn-controller", "unix:" + dbSocket(), "--pidfile=" + pidFile, "--detach",
        "--log-file=" + directory.resolve("ovn-controller.log")));
    return trackPidFile(pidFile, "ovn-controller " + name()).pid();
  }

  /** Tunnel neighbour entries for every other hypervisor's encap IP, so no first packet waits for ARP. */
  void learnUnderlayNeighbours(List<Hypervisor> all) {
    for (Hypervisor other : all) {
      if (other != this) appctl("tnl/neigh/set", LabLayout.UNDERLAY_BRIDGE_IN_HV, other.encapIp(), other.underlayMac());
    }
  }

  String underlayMac() {
    return layout.underlayMac(number);
  }

  /** vswitchd learns the namespace's route to the underlay over netlink; tunnels need it, so wait for it. */
  private void awaitUnderlayRoute() {
    long deadline = System.nanoTime() + ROUTE_WAIT.toNanos();
    String route = layout.underlaySubnet() + " dev " + LabLayout.UNDERLAY_BRIDGE_IN_HV;
    while (!appctl("ovs/route/show").contains(route)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name() + ": ovs-vswitchd has no route " + route + " after " + ROUTE_WAIT + ":\n" + appctl("ovs/route/show"));
      }
      OvsLab.sleep(Duration.ofMillis(20));
    }
  }

  /** 1-based position in the lab. */
  public int number() {
    return number;
  }

  /** "hv1", "hv2", ...: also what {@code connectTo} sets as {@code external_ids:hostname}. */
  public String name() {
    return "hv" + number;
  }

  public String namespace() {
    return layout.hypervisorNamespace(number);
  }

  /** The underlay address on br-phy: VXLAN tunnels start and end here. */
  public String encapIp() {
    return layout.underlayIp(number);
  }

  public String managementIp() {
    return layout.managementIp(number);
  }

  /** Database, sockets, pid and log files of this hypervisor's OVS (also its OVS_RUNDIR). */
  public Path directory() {
    return directory;
  }

  public Path dbSocket() {
    return directory.resolve("db.sock");
  }

  public Path vswitchdControl() {
    return directory.resolve("ovs-vswitchd.ctl");
  }

  public Path vswitchdLog() {
    return directory.resolve("ovs-vswitchd.log");
  }

  public long ovsdbServerPid() {
    return ovsdbServer.pid();
  }

  public long vswitchdPid() {
    return vswitchd.pid();
  }

  public boolean vswitchdRunning() {
    return RunningProcesses.isRunning(vswitchd);
  }

  /** ovs-vsctl against this hypervisor's database (default --timeout=30; pass your own to change it). */
  public String vsctl(String... args) {
    List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dbSocket(), DEFAULT_VSCTL_TIMEOUT));
    command.addAll(List.of(args));
    return Command.run(command, ovsEnvironment());
  }

  /**
   * {@code ovs-ofctl -O OpenFlow13 args...}: a bridge name such as "br-int" resolves to this
   * hypervisor's {@code br-int.mgmt} socket because OVS_RUNDIR is set to {@link #directory()}.
   */
  public String ofctl(String... args) {
    List<String> command = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13"));
    command.addAll(List.of(args));
    return Command.run(command, ovsEnvironment());
  }

  /** ovs-appctl to this hypervisor's ovs-vswitchd. */
  public String appctl(String... args) {
    List<String> command = new ArrayList<>(List.of("ovs-appctl", "-t", vswitchdControl().toString()));
    command.addAll(List.of(args));
    return Command.run(command, ovsEnvironment());
  }

  /** Runs a command in the hypervisor's namespace (e.g. "ip", "addr"). */
  public String exec(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace()));
    full.addAll(List.of(command));
    return Command.run(full);
  }

  /**
   * What an operator does to hand this hypervisor to Tenet: its encap settings in
   * {@code Open_vSwitch} external_ids, then the controllers as OVSDB managers (targets such as
   * "tcp:172.30.7.254:6640"). The controller then creates br-int and the tunnel port itself.
   */
  public void connectTo(List<String> managerTargets) {
    if (managerTargets.isEmpty()) throw new IllegalArgumentException("no manager targets");
    List<String> command = new ArrayList<>(List.of("set", "Open_vSwitch", ".",
        "external_ids:tenet-encap-ip=" + encapIp(),
        "external_ids:tenet-encap-type=vxlan",
        "external_ids:tenet-datapath-type=netdev",
        "external_ids:hostname=" + name(),
        "--", "set-manager"));
    command.addAll(managerTargets);
    vsctl(command.toArray(String[]::new));
  }

  /**
   * Creates a VM namespace plugged into br-int as port {@code tap-<name>} with
   * {@code external_ids:iface-id} and {@code attached-mac}, the way Nova plugs a VIF. br-int must
   * exist or appear within {@link #INTEGRATION_BRIDGE_WAIT}: the controller creates it after
   * {@code connectTo}. Inside the VM, eth0 has MTU 1450 (room for VXLAN) and TX checksum offload off.
   *
   * @param name 1 to 11 characters [A-Za-z0-9_-], unique in the lab (the port name has 15 at most)
   * @param cidr the VM's IPv4 address with prefix length, or null for none (e.g. DHCP later)
   */
  public Vm plugVm(String name, String mac, String ifaceId, String cidr) {
    Vm vm = lab.createVm(name, mac, ifaceId, cidr);
    try {
      attach(vm);
      return vm;
    } catch (RuntimeException e) {
      detachQuietly(vm, e);
      lab.discardVm(vm, e);
      throw e;
    }
  }

  /**
   * A host on a physical network of this hypervisor: a lab namespace like a VM's whose veth is a
   * port of the operator's {@code bridge} (created here, userspace, if missing), as the uplink NIC
   * of a physical bridge would be. It is not bound to any logical port.
   */
  public Vm plugPhysicalHost(String name, String mac, String bridge, String cidr) {
    return plugPhysicalHost(name, mac, bridge, null, cidr);
  }

  /** The same on an access port of VLAN {@code accessVlan} (null: untagged), as a physical switch would give a host of that VLAN. */
  public Vm plugPhysicalHost(String name, String mac, String bridge, Integer accessVlan, String cidr) {
    vsctl("--may-exist", "add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev");
    Vm host = lab.createVm(name, mac, null, cidr);
    try {
      String port = host.portName();
      IpBatch.run(namespace(), List.of(
          "link add " + port + " mtu " + LabLayout.VM_MTU + " type veth peer name " + LabLayout.VM_LINK + " netns " + host.namespace()));
      host.configureLink(this);
      Command.run(List.of("ip", "-n", namespace(), "link", "set", port, "up"));
      if (accessVlan == null) vsctl("add-port", bridge, port);
      else vsctl("add-port", bridge, port, "tag=" + accessVlan);
      return host;
    } catch (RuntimeException e) {
      lab.discardVm(host, e);
      throw e;
    }
  }

  /** Removes the VM's port from br-int and deletes its veth; the VM namespace stays, its eth0 is gone. */
  public void unplug(Vm vm) {
    if (vm.hypervisor() != this) throw new IllegalArgumentException(vm.name() + " is not plugged into " + name());
    vsctl("--if-exists", "del-port", INTEGRATION_BRIDGE, vm.portName());
    Command.run(List.of("ip", "-n", namespace(), "link", "delete", vm.portName()));
    vm.markUnplugged();
  }

  /** Plugs an unplugged VM in here: a new veth, same MAC, address and iface-id (the end of a migration). */
  public void replug(Vm vm) {
    if (vm.hypervisor() != null) throw new IllegalStateException(vm.name() + " is still plugged into " + vm.hypervisor().name());
    try {
      attach(vm);
    } catch (RuntimeException e) {
      detachQuietly(vm, e);
      throw e;
    }
  }

  /** {@link #unplug} from where the VM is, then {@link #replug} here. */
  public void migrateHere(Vm vm) {
    Hypervisor source = vm.hypervisor();
    if (source == this) return;
    if (source != null) source.unplug(vm);
    replug(vm);
  }

  /** tcpdump on this hypervisor's underlay veth (root namespace end): everything it sends and receives. */
  public PacketCapture captureUnderlay(String filter) {
    return PacketCapture.start(null, layout.underlayVeth(number), filter, lab.workFile("capture-" + name() + "-underlay"), lab.processes());
  }

  /** tcpdump on an interface in this hypervisor's namespace, e.g. a VM's port "tap-vm1". */
  public PacketCapture capture(String interfaceName, String filter) {
    return PacketCapture.start(namespace(), interfaceName, filter, lab.workFile("capture-" + name() + "-" + interfaceName), lab.processes());
  }

  /** OpenFlow port number of an OVS interface (e.g. {@link Vm#portName()}), as OVS assigned it. */
  public int ofport(String interfaceName) {
    return Integer.parseInt(vsctl("get", "Interface", interfaceName, "ofport").strip());
  }

  private void attach(Vm vm) {
    awaitIntegrationBridge();
    String port = vm.portName();
    IpBatch.run(namespace(), List.of(
        "link add " + port + " mtu " + LabLayout.VM_MTU + " type veth peer name " + LabLayout.VM_LINK + " netns " + vm.namespace()));
    vm.configureLink(this);
    Command.run(List.of("ip", "-n", namespace(), "link", "set", port, "up"));
    vsctl("add-port", INTEGRATION_BRIDGE, port, "--", "set", "Interface", port,
        "external_ids:iface-id=" + vm.ifaceId(), "external_ids:attached-mac=" + vm.mac());
  }

  private void awaitIntegrationBridge() {
    try {
      vsctl("--timeout=" + INTEGRATION_BRIDGE_WAIT.toSeconds(), "wait-until", "Bridge", INTEGRATION_BRIDGE);
    } catch (CommandFailedException e) {
      throw new IllegalStateException(name() + ": no " + INTEGRATION_BRIDGE + " after " + INTEGRATION_BRIDGE_WAIT
          + "; a VM needs the controller (connectTo) or the test to create it first", e);
    }
  }

  /** Undoes a half-done attach so the VM can be plugged again. */
  void detachQuietly(Vm vm, RuntimeException cause) {
    try {
      vsctl("--if-exists", "del-port", INTEGRATION_BRIDGE, vm.portName());
      if (HostNetwork.namespaces().contains(namespace())) {
        Command.runAllowingFailure(List.of("ip", "-n", namespace(), "link", "delete", vm.portName()), Map.of(), null, Command.DEFAULT_TIMEOUT);
      }
    } catch (RuntimeException cleanup) {
      cause.addSuppressed(cleanup);
    }
    vm.markUnplugged();
  }

  private ProcessHandle trackPidFile(Path pidFile, String label) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(label + " (pid " + pid + ") exited right after starting"));
      lab.processes().track(process, label);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void runInNamespace(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace()));
    full.addAll(command);
    Command.run(full, ovsEnvironment());
  }

  /** Without a private OVS_RUNDIR the bridges' .mgmt sockets of all hypervisors would clash (and OVN's files too). */
  private Map<String, String> ovsEnvironment() {
    return Map.of("OVS_RUNDIR", directory.toString(), "OVN_RUNDIR", directory.toString());
  }

  @Override
  public String toString() {
    return name() + "(" + namespace() + ", encap " + encapIp() + ", mgmt " + managementIp() + ")";
  }
}
