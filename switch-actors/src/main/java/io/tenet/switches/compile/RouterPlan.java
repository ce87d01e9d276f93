package io.tenet.switches.compile;

import java.util.List;

/**
 * A router this datapath routes for: its interfaces on networks whose views are known here, and
 * its static routes. Present only while the router is up and some local port's network is
 * attached to it.
 */
public record RouterPlan(String routerId, List<RouterLeg> legs, List<StaticRoute> routes) {
  public RouterPlan {
    legs = List.copyOf(legs);
    routes = List.copyOf(routes);
  }
}
