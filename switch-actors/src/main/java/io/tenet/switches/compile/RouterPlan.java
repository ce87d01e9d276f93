package io.tenet.switches.compile;

import java.util.List;

/**
 * A router this datapath routes for: its interfaces on networks whose views are known here, and
 * its static routes, and its way out ({@code exit}, null without an external gateway). Present only
 * while the router is up and some local port's network is attached to it, or this datapath carries
 * its gateway.
 */
public record RouterPlan(String routerId, List<RouterLeg> legs, List<StaticRoute> routes, RouterExit exit) {
  public RouterPlan {
    legs = List.copyOf(legs);
    routes = List.copyOf(routes);
  }

  /** A router with no way out. */
  public RouterPlan(String routerId, List<RouterLeg> legs, List<StaticRoute> routes) {
    this(routerId, legs, routes, null);
  }
}
