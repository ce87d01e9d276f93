package io.tenet.bench.jmh;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import java.util.ArrayList;
import java.util.List;

/** The hypervisor views the compiler benchmarks work on: one local port per network, the rest elsewhere. */
final class SampleDatapath {
  private SampleDatapath() {}

  /** {@code networks} networks with one local port and {@code remotePerNetwork} remote ports each; the first gets one more when {@code plusOne}. */
  static DatapathView view(int networks, int remotePerNetwork, boolean plusOne) {
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> plans = new ArrayList<>();
    for (int n = 0; n < networks; n++) {
      String networkId = "net-" + n;
      locals.add(new LocalPort("local-" + n, networkId, 10 + n, mac(n, 0), List.of(ip(n, 2)), true));
      List<RemotePort> remotes = new ArrayList<>();
      int count = remotePerNetwork + (plusOne && n == 0 ? 1 : 0);
      for (int p = 0; p < count; p++) {
        remotes.add(new RemotePort("remote-" + n + "-" + p, mac(n, p + 1), List.of(ip(n, p + 3)), "192.168." + (p % 250) + "." + (1 + p / 250)));
      }
      plans.add(new NetworkPlan(networkId, 4096 + n, true, remotes));
    }
    return new DatapathView("0000000000000001", "192.168.255.1", 1, locals, plans);
  }

  private static String mac(int network, int port) {
    return String.format("fa:16:3e:%02x:%02x:%02x", network & 0xff, (port >> 8) & 0xff, port & 0xff);
  }

  /** 10.n.x.y, distinct for up to 65 k ports per network and 256 networks. */
  private static String ip(int network, int host) {
    return "10." + network + "." + (host >> 8) + "." + (host & 0xff);
  }
}
