package io.tenet.switches.datapath;

import io.tenet.switches.compile.BridgeHostPlan;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.GatewayHop;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.ovsdb.PeerTunnel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One datapath's side of gateway failover, which the switch itself performs: its fast-failover
 * groups move a gateway to the next host the moment BFD says the hosts ranked before are gone.
 * This follows it: which peers the datapath is settled with (BFD came up since the switch
 * connected, after being seen not up; or was up in this vswitchd's life and is lost now; or had 3 s
 * to come up), so a host whose BFD sessions are still coming up never takes a gateway over; and which gateways the data plane carries here
 * though the router does not rank this host first yet. For those the datapath tells the router
 * (until its view shows this host active) and announces the gateway's addresses on the physical
 * network once. Not thread-safe: one datapath actor's.
 */
final class GatewayFailover {
  /** BFD comes up within 1-2 s here (docs: ovs-lab notes); a peer not up after this is taken as gone. */
  static final long SETTLE_NANOS = 3_000_000_000L;
  static final long CLAIM_AGAIN_NANOS = 1_000_000_000L;

  /**
   * A gateway whose gate is open here, and what to do about it now. {@code claim}: hosts are ranked
   * before this one and BFD lost them all, so the router (or network) must learn that this host
   * carries it. {@code announce}: its addresses go out on the physical network now, so that the
   * physical switches learn where they are: when the gate opened here (a takeover, or an
   * administrator ranking this host first) and once more {@link #ANNOUNCE_AGAIN_NANOS} later.
   */
  sealed interface Takeover {
    boolean claim();

    boolean announce();
  }

  /** A router's external gateway. */
  record GatewayTakeover(GatewayPlan gateway, boolean claim, boolean announce) implements Takeover {}

  /** A network's layer-2 gateway. */
  record BridgeTakeover(NetworkPlan network, boolean claim, boolean announce) implements Takeover {}

  /**
   * The second announcement: a frame the host carrying the gateway before sent meanwhile (its gate
   * closes when its own view changes, at about the same moment) may have taught the physical
   * network the old place again, and a silent VM would then stay unreachable until its MAC aged out.
   */
  static final long ANNOUNCE_AGAIN_NANOS = 2_000_000_000L;

  private record Decision(boolean claim, boolean announce) {}

  // Up is believed only after a state that was not: right after a vswitchd restart OVSDB still shows
  // the dead process's "up" for a moment (docs: ovs-lab notes).
  private final Set<String> seenNotUp = new HashSet<>();
  private final Set<String> seenUp = new HashSet<>();
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Map<String, Long> claimedAt = new HashMap<>();
  // when each gateway open here was first announced, and those announced the second time
  private final Map<String, Long> announcedAt = new HashMap<>();
  private final Set<String> announcedAgain = new HashSet<>();

  /** The switch (re)connected to this node: its BFD sessions may have started over, so nothing is settled yet. */
  void restart(Map<String, PeerTunnel> tunnels, long nowNanos) {
    seenUp.clear();
    seenNotUp.clear();
    firstSeen.clear();
    observe(tunnels, nowNanos);
  }

  /** The peer tunnels as OVSDB reports them now. */
  void observe(Map<String, PeerTunnel> tunnels, long nowNanos) {
    firstSeen.keySet().retainAll(tunnels.keySet());
    seenUp.retainAll(tunnels.keySet());
    seenNotUp.retainAll(tunnels.keySet());
    tunnels.forEach((peer, tunnel) -> {
      if (tunnel.ofport() > 0) firstSeen.putIfAbsent(peer, nowNanos);
      if (!tunnel.up()) seenNotUp.add(peer);
      else if (seenNotUp.contains(peer)) seenUp.add(peer);
    });
  }

  GatewayReach reach(Map<String, PeerTunnel> tunnels, long nowNanos) {
    Map<String, Long> ports = new TreeMap<>();
    Set<String> settled = new TreeSet<>(seenUp);
    tunnels.forEach((peer, tunnel) -> {
      if (tunnel.ofport() > 0) ports.put(peer, tunnel.ofport());
      Long since = firstSeen.get(peer);
      // a session lost in this vswitchd's life: the peer is gone, as a host that took over in the data plane (maybe while no controller ran) must keep believing
      if (tunnel.lost() || since != null && nowNanos - since >= SETTLE_NANOS) settled.add(peer);
    });
    return new GatewayReach(ports, settled);
  }

  /**
   * The gateways (routers' and layer-2) whose gate is open here and need something now: those
   * ranked first here, to be announced; those taken over (armed, and BFD down to every host ranked
   * before this one), to be claimed at most once a second, and announced.
   */
  List<Takeover> takeovers(DatapathView view, Map<String, PeerTunnel> tunnels, long nowNanos) {
    List<Takeover> takeovers = new ArrayList<>();
    Set<String> open = new HashSet<>();
    for (GatewayPlan gateway : view.gateways()) {
      Decision now = decide("router:" + gateway.routerId(), gateway.gate().rankedBefore(), gateway.gate().armed(), tunnels, nowNanos, open);
      if (now != null) takeovers.add(new GatewayTakeover(gateway, now.claim(), now.announce()));
    }
    for (NetworkPlan network : view.networks()) {
      if (!network.bridgedHere()) continue;
      BridgeHostPlan here = network.bridge().here();
      Decision now = decide("network:" + network.networkId(), here.rankedBefore(), here.armed(), tunnels, nowNanos, open);
      if (now != null) takeovers.add(new BridgeTakeover(network, now.claim(), now.announce()));
    }
    announcedAt.keySet().retainAll(open);
    announcedAgain.retainAll(open);
    claimedAt.keySet().retainAll(open);
    return takeovers;
  }

  /** What to do now about the gateway {@code key}, or null; its key joins {@code open} while its gate is open here. */
  private Decision decide(String key, List<GatewayHop> rankedBefore, boolean armed, Map<String, PeerTunnel> tunnels, long nowNanos, Set<String> open) {
    boolean rankedFirst = rankedBefore.isEmpty();
    if (!rankedFirst && (!armed || !allDown(rankedBefore, tunnels))) return null;
    open.add(key);
    boolean claim = false;
    if (!rankedFirst) {
      Long last = claimedAt.get(key);
      claim = last == null || nowNanos - last >= CLAIM_AGAIN_NANOS;
      if (claim) claimedAt.put(key, nowNanos);
    }
    boolean announce = announceNow(key, nowNanos);
    return claim || announce ? new Decision(claim, announce) : null;
  }

  private boolean announceNow(String key, long nowNanos) {
    Long first = announcedAt.putIfAbsent(key, nowNanos);
    if (first == null) return true;
    return nowNanos - first >= ANNOUNCE_AGAIN_NANOS && announcedAgain.add(key);
  }

  private static boolean allDown(List<GatewayHop> hops, Map<String, PeerTunnel> tunnels) {
    for (GatewayHop hop : hops) {
      if (!(hop instanceof GatewayHop.Peer peer)) return false;
      PeerTunnel tunnel = tunnels.get(peer.encapIp());
      if (tunnel == null || tunnel.up()) return false;
    }
    return true;
  }
}
