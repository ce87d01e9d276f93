package io.tenet.lab;

import java.util.List;

/**
 * A physical network outside every hypervisor, as a top-of-rack switch is: a learning Linux bridge
 * in the root namespace ({@code <prefix>-x}), with an uplink from an operator's bridge on each
 * hypervisor that joins it (veth {@code <prefix>-xK}) and hosts of its own (veth
 * {@code <prefix>-xhN}). Losing a hypervisor, or its vswitchd, leaves the network and its hosts
 * up; a MAC moves to another uplink when a frame from it arrives there. Removed with the lab
 * (its links carry the lab's prefix).
 */
public final class PhysicalNetwork {
  private final OvsLab lab;
  private final String bridge;
  private int hosts;

  PhysicalNetwork(OvsLab lab, String bridge) {
    this.lab = lab;
    this.bridge = bridge;
  }

  /** Links {@code operatorBridge} on the hypervisor (created, userspace, if missing) to this network. */
  public void uplink(Hypervisor hypervisor, String operatorBridge) {
    hypervisor.vsctl("--may-exist", "add-br", operatorBridge, "--", "set", "bridge", operatorBridge, "datapath_type=netdev");
    String rootEnd = uplinkName(hypervisor);
    String inside = "uplink-" + operatorBridge;
    IpBatch.run(null, List.of(
        "link add " + rootEnd + " mtu " + LabLayout.VM_MTU + " type veth peer name " + inside + " netns " + hypervisor.namespace(),
        "link set " + rootEnd + " master " + bridge + " up"));
    OvsLab.disableIpv6(rootEnd);
    Command.run(List.of("ip", "-n", hypervisor.namespace(), "link", "set", inside, "up"));
    hypervisor.vsctl("add-port", operatorBridge, inside);
  }

  /** The root namespace end of the hypervisor's uplink: where a capture sees what the hypervisor puts on this network. */
  public String uplinkName(Hypervisor hypervisor) {
    return bridge + hypervisor.number();
  }

  /** A host on this network (untagged), in a lab namespace like a VM's. */
  public synchronized Vm plugHost(String name, String mac, String cidr) {
    Vm host = lab.createVm(name, mac, null, cidr);
    try {
      String rootEnd = bridge + "h" + (++hosts);
      IpBatch.run(null, List.of(
          "link add " + rootEnd + " mtu " + LabLayout.VM_MTU + " type veth peer name " + LabLayout.VM_LINK + " netns " + host.namespace(),
          "link set " + rootEnd + " master " + bridge + " up"));
      OvsLab.disableIpv6(rootEnd);
      host.configureLink(null);
      return host;
    } catch (RuntimeException e) {
      lab.discardVm(host, e);
      throw e;
    }
  }

  /**
   * tcpdump of what the hypervisor puts on this network, and only that: on the root namespace end
   * of its uplink, received frames only (the switch also floods other hosts' broadcasts there).
   */
  public PacketCapture captureFrom(Hypervisor hypervisor, String filter) {
    return PacketCapture.start(null, uplinkName(hypervisor), filter, lab.workFile("capture-from-" + uplinkName(hypervisor)), lab.processes(), true);
  }
}
