package io.tenet.bench;

import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvnCentral;
import io.tenet.lab.OvsLab;
import io.tenet.lab.RunningProcesses;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OVN in the side-by-side benchmark: its central databases and ovn-northd, ovn-controller on every
 * hypervisor, a logical switch per network. OVN has no address management of its own here (as
 * under Neutron, the caller picks MAC and address), so ports get them from a counter per switch.
 */
final class OvnUnderComparison implements ComparedSystem {
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private final OvsLab lab;
  private final OvnCentral central;
  private final Map<String, Long> controllers = new LinkedHashMap<>();
  /** Switch name to its subnet prefix and the next host number it hands out. */
  private final Map<String, String> prefixes = new HashMap<>();
  private final Map<String, Integer> nextHost = new HashMap<>();
  private int nextMac = 10;

  private OvnUnderComparison(OvsLab lab, OvnCentral central) {
    this.lab = lab;
    this.central = central;
  }

  static OvnUnderComparison start(OvsLab lab) {
    OvnUnderComparison ovn = new OvnUnderComparison(lab, OvnCentral.start(lab));
    ovn.startControllers();
    return ovn;
  }

  private void startControllers() {
    for (Hypervisor hv : lab.hypervisors()) controllers.put("ovn-controller-" + hv.name(), hv.startOvnController(central.southbound()));
  }

  @Override
  public String name() {
    return "ovn";
  }

  @Override
  public synchronized String createNetwork(String name, String subnetPrefix) {
    central.nbctl("ls-add", name);
    prefixes.put(name, subnetPrefix);
    nextHost.put(name, 10);
    return name;
  }

  @Override
  public NewPort createPort(String network, String name) {
    String ip;
    int mac;
    synchronized (this) {
      int host = nextHost.merge(network, 1, Integer::sum) - 1;
      if (host > 250) throw new IllegalStateException("the /24 of " + network + " is used up");
      ip = prefixes.get(network) + "." + host;
      mac = nextMac++;
    }
    String macAddress = String.format("fa:16:3f:%02x:%02x:%02x", (mac >> 16) & 0xff, (mac >> 8) & 0xff, mac & 0xff);
    central.nbctl("lsp-add", network, name, "--", "lsp-set-addresses", name, macAddress + " " + ip);
    return new NewPort(name, macAddress, ip);
  }

  @Override
  public void killController() throws InterruptedException {
    central.killNorthd();
    for (Map.Entry<String, Long> controller : controllers.entrySet()) {
      if (!RunningProcesses.kill(controller.getValue(), KILL_TIMEOUT)) throw new IllegalStateException(controller.getKey() + " survived SIGKILL");
    }
  }

  @Override
  public void startController() {
    central.startNorthd();
    startControllers();
  }

  @Override
  public void awaitCaughtUp(Duration timeout) {
    // bumps nb_cfg and returns once every chassis reports flows installed for it
    central.nbctl("--wait=hv", "--timeout=" + Math.max(1, timeout.toSeconds()), "sync");
  }

  @Override
  public Map<String, Long> controllerPids() {
    Map<String, Long> pids = new LinkedHashMap<>(central.pids());
    pids.putAll(controllers);
    return pids;
  }

  @Override
  public void close() {
    // the lab stops OVN's processes with its own
  }
}
