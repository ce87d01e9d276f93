package io.tenet.switches.compile;

import io.tenet.switches.flow.Cookie;
import io.tenet.switches.reconcile.TableScope;
import io.tenet.topology.dataplane.RepairReport;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of a datapath's flows and groups belong to one network: those with the network's cookie
 * or the cookie of one of its ports (local or behind a tunnel), and the network's two flood
 * groups. A repair of the network touches these and nothing else.
 */
public final class NetworkFootprint {
  private NetworkFootprint() {}

  public static TableScope of(DatapathView view, String networkId) {
    Set<Long> cookies = new HashSet<>();
    cookies.add(Cookie.of(Cookie.Owner.NETWORK, networkId).value());
    for (LocalPort port : view.portsOf(networkId)) cookies.add(Cookie.of(Cookie.Owner.PORT, port.portId()).value());
    Set<Long> groups = new HashSet<>();
    for (NetworkPlan plan : view.networks()) {
      if (!plan.networkId().equals(networkId)) continue;
      for (RemotePort port : plan.remotePorts()) cookies.add(Cookie.of(Cookie.Owner.PORT, port.portId()).value());
      groups.add(Flows.floodGroup(plan));
      groups.add(Flows.localFloodGroup(plan));
    }
    return TableScope.of(RepairReport.networkScope(networkId), cookies, groups);
  }
}
