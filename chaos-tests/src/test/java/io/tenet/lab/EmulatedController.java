package io.tenet.lab;

/**
 * Does by hand what the Tenet controller does over OVSDB and OpenFlow, so the lab can be tested
 * without one: br-int with a flow-based VXLAN port, and the two static flows per direction from the
 * lab notes that carry one VM's traffic to another hypervisor and back.
 */
final class EmulatedController {
  static final String TUNNEL_PORT = "tenet-tun";

  private EmulatedController() {
  }

  static void createIntegrationBridge(Hypervisor hv) {
    hv.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev", "fail-mode=secure", "protocols=OpenFlow13",
        "--", "add-port", "br-int", TUNNEL_PORT, "--", "set", "interface", TUNNEL_PORT, "type=vxlan",
        "options:remote_ip=flow", "options:key=flow", "options:local_ip=" + hv.encapIp());
  }

  /** Everything from {@code vm} goes to {@code remote} in VNI {@code vni}; that VNI arriving here goes to {@code vm}. */
  static void wire(Vm vm, Hypervisor remote, int vni) {
    Hypervisor local = vm.hypervisor();
    local.ofctl("add-flow", "br-int", "in_port=" + vm.portName()
        + ",actions=set_field:" + vni + "->tun_id,set_field:" + remote.encapIp() + "->tun_dst,output:" + TUNNEL_PORT);
    local.ofctl("add-flow", "br-int", "in_port=" + TUNNEL_PORT + ",tun_id=" + vni + ",actions=output:" + vm.portName());
  }

  static void unwire(Vm vm) {
    vm.hypervisor().ofctl("del-flows", "br-int", "in_port=" + vm.portName());
  }
}
