package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Table;
import java.util.List;

/** Constants and small constructors the per-table builders share. */
final class Flows {
  static final String IPV4 = "0x0800";
  static final String ARP = "0x0806";
  static final String UDP = "17";
  static final String MULTICAST_BIT = "01:00:00:00:00:00/01:00:00:00:00:00";

  private Flows() {}

  static FlowEntry flow(Table table, int priority, Match match, Cookie cookie, Action... actions) {
    return new FlowEntry(table, priority, match, List.of(actions), cookie);
  }

  /** Packets of the network, wherever they came from. */
  static Match network(NetworkPlan network) {
    return network(network.vni());
  }

  /** Packets of the network with this VNI, wherever they came from. */
  static Match network(int vni) {
    return Match.any().and(MatchField.METADATA, Metadata.masked(vni, Metadata.VNI_MASK));
  }

  /** Packets of the network that came from a local port ({@code fromTunnel} false) or through a tunnel. */
  static Match network(NetworkPlan network, boolean fromTunnel) {
    return Match.any().and(MatchField.METADATA, Metadata.masked(origin(network, fromTunnel), Metadata.NETWORK_AND_ORIGIN_MASK));
  }

  static long origin(NetworkPlan network, boolean fromTunnel) {
    return network.vni() | (fromTunnel ? Metadata.FROM_TUNNEL : 0);
  }

  static String vni(NetworkPlan network) {
    return "0x" + Integer.toHexString(network.vni());
  }

  static Action gotoTable(Table table) {
    return new Action.GotoTable(table);
  }

  static Action set(MatchField field, Object value) {
    return new Action.SetField(field, value.toString());
  }

  /** The actions that put a packet of {@code network} into the tunnel toward {@code endpoint}. */
  static List<Action> tunnelTo(NetworkPlan network, String endpoint, long tunnelOfport) {
    return List.of(set(MatchField.TUN_ID, vni(network)), set(MatchField.TUN_DST, endpoint), new Action.Output(tunnelOfport));
  }

  /** Flood group of a network for packets from local ports: every local port and every remote endpoint. */
  static long floodGroup(NetworkPlan network) {
    return (long) network.vni() << 1;
  }

  /** Flood group for packets that came through a tunnel: local ports only. */
  static long localFloodGroup(NetworkPlan network) {
    return ((long) network.vni() << 1) | 1;
  }
}
