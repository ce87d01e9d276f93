package io.tenet.bench;

import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvnCentral;
import io.tenet.lab.OvsLab;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OVN in the side-by-side benchmark: its central databases and ovn-northd, ovn-controller on every
 * hypervisor, one logical switch. OVN has no address management of its own here (as under Neutron,
 * the caller picks MAC and address), so ports get them from a counter.
 */
final class OvnUnderComparison implements ComparedSystem {
  static final String SWITCH = "compare";
  private final OvnCentral central;
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final String subnetPrefix;
  private int nextHost = 10;

  private OvnUnderComparison(OvnCentral central, String subnetPrefix) {
    this.central = central;
    this.subnetPrefix = subnetPrefix;
  }

  /** {@code subnetPrefix}: the first three octets of the /24 the ports take addresses from, e.g. "10.3.0". */
  static OvnUnderComparison start(OvsLab lab, String subnetPrefix) {
    OvnCentral central = OvnCentral.start(lab);
    OvnUnderComparison ovn = new OvnUnderComparison(central, subnetPrefix);
    ovn.pids.putAll(central.pids());
    for (Hypervisor hv : lab.hypervisors()) ovn.pids.put("ovn-controller-" + hv.name(), hv.startOvnController(central.southbound()));
    central.nbctl("ls-add", SWITCH);
    return ovn;
  }

  @Override
  public String name() {
    return "ovn";
  }

  @Override
  public NewPort createPort(String name) {
    int host = nextHost++;
    if (host > 250) throw new IllegalStateException("the benchmark's /24 is used up");
    String mac = String.format("fa:16:3f:00:%02x:%02x", host >> 8, host & 0xff);
    String ip = subnetPrefix + "." + host;
    central.nbctl("lsp-add", SWITCH, name, "--", "lsp-set-addresses", name, mac + " " + ip);
    return new NewPort(name, mac, ip);
  }

  @Override
  public Map<String, Long> controllerPids() {
    return Map.copyOf(pids);
  }

  @Override
  public void close() {
    // the lab stops OVN's processes with its own
  }
}
