package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stateful security groups for one local port, with the port's own conntrack zone (its OpenFlow
 * port number, unique on the datapath) for both directions: IPv4 it sends goes through the zone
 * (egress_acl) and resumes in egress_rules; IPv4 for it does the same in ingress_acl and
 * ingress_rules. There, packets of known connections pass, invalid ones drop, and a new connection
 * passes, and is committed, only if a rule of one of the port's groups allows it. Replies of a
 * connection the port opened are established in its zone, so they pass without a rule. DHCP
 * requests bypass the tracker. A remote group is expanded to its members' addresses.
 */
final class AclFlows {
  private static final String ESTABLISHED = "+trk+est-inv";
  private static final String RELATED = "+trk+rel-inv";
  private static final String INVALID = "+trk+inv";
  private static final String NEW = "+trk+new-inv";
  private static final Map<String, String> PROTOCOLS = Map.of("icmp", "1", "tcp", "6", "udp", "17", "sctp", "132");

  private AclFlows() {}

  static Set<FlowEntry> flows(LocalPort port, Map<String, GroupPlan> groups) {
    Set<FlowEntry> flows = new HashSet<>();
    if (!port.filtered()) return flows;
    Cookie cookie = Cookie.of(Cookie.Owner.PORT, port.portId());
    int zone = (int) port.ofport();
    Match sent = Match.any().and(MatchField.IN_PORT, port.ofport()).and(MatchField.ETH_TYPE, Flows.IPV4);
    Match received = Match.any().and(MatchField.METADATA, Metadata.masked(Metadata.port(port.ofport()), Metadata.PORT_MASK)).and(MatchField.ETH_TYPE, Flows.IPV4);

    Match dhcpRequest = sent.and(MatchField.IP_PROTO, Flows.UDP).and(MatchField.UDP_SRC, 68).and(MatchField.UDP_DST, 67);
    flows.add(Flows.flow(Table.EGRESS_ACL, Priority.SERVICE, dhcpRequest, cookie, Flows.gotoTable(Table.ARP_DHCP)));
    flows.add(Flows.flow(Table.EGRESS_ACL, Priority.ALLOW, sent, cookie, new Action.Conntrack(false, zone, Table.EGRESS_RULES)));
    flows.add(Flows.flow(Table.INGRESS_ACL, Priority.ALLOW, received, cookie, new Action.Conntrack(false, zone, Table.INGRESS_RULES)));
    known(flows, Table.EGRESS_RULES, sent, cookie, Table.ARP_DHCP);
    known(flows, Table.INGRESS_RULES, received, cookie, Table.OUTPUT);

    for (String groupId : port.securityGroupIds()) {
      GroupPlan group = groups.get(groupId);
      if (group == null) continue; // not known yet: nothing new passes (reconciliation removes nothing meanwhile)
      for (SecurityGroupRule rule : group.rules()) {
        if (!"IPv4".equals(rule.ethertype())) continue; // the overlay carries IPv4
        boolean egress = rule.direction() == RuleDirection.EGRESS;
        Match base = (egress ? sent : received).and(MatchField.CT_STATE, NEW);
        Action commit = new Action.Conntrack(true, zone, null);
        Action next = Flows.gotoTable(egress ? Table.ARP_DHCP : Table.OUTPUT);
        Table table = egress ? Table.EGRESS_RULES : Table.INGRESS_RULES;
        MatchField remoteField = egress ? MatchField.IPV4_DST : MatchField.IPV4_SRC;
        for (Match protocol : protocolMatches(base, rule)) {
          for (String remote : remotes(rule, groups)) {
            Match match = remote == null ? protocol : protocol.and(remoteField, remote);
            flows.add(Flows.flow(table, Priority.RULE, match, cookie, commit, next));
          }
        }
      }
    }
    return flows;
  }

  /** Known connections: established and related pass on, invalid packets drop. */
  private static void known(Set<FlowEntry> flows, Table table, Match direction, Cookie cookie, Table next) {
    flows.add(Flows.flow(table, Priority.CONNECTION_INVALID, direction.and(MatchField.CT_STATE, INVALID), cookie));
    flows.add(Flows.flow(table, Priority.CONNECTION_KNOWN, direction.and(MatchField.CT_STATE, ESTABLISHED), cookie, Flows.gotoTable(next)));
    flows.add(Flows.flow(table, Priority.CONNECTION_KNOWN, direction.and(MatchField.CT_STATE, RELATED), cookie, Flows.gotoTable(next)));
  }

  /** The rule's protocol and ports (TCP/UDP ranges as masked blocks, ICMP type and code); several matches for a port range. */
  private static List<Match> protocolMatches(Match base, SecurityGroupRule rule) {
    if (rule.protocol() == null) return List.of(base);
    String number = PROTOCOLS.getOrDefault(rule.protocol(), rule.protocol());
    if (!number.chars().allMatch(Character::isDigit)) return List.of(); // icmpv6 and the like: not IPv4, nothing to allow
    Match withProtocol = base.and(MatchField.IP_PROTO, number);
    if ("1".equals(number)) {
      Match icmp = withProtocol;
      if (rule.portRangeMin() != null) icmp = icmp.and(MatchField.ICMP_TYPE, rule.portRangeMin());
      if (rule.portRangeMax() != null) icmp = icmp.and(MatchField.ICMP_CODE, rule.portRangeMax());
      return List.of(icmp);
    }
    if (rule.portRangeMin() == null) return List.of(withProtocol);
    if (!"6".equals(number) && !"17".equals(number)) return List.of(); // ports of another protocol: not matchable here, nothing allowed
    List<Match> matches = new ArrayList<>();
    for (String ports : PortRanges.masks(rule.portRangeMin(), rule.portRangeMax())) matches.add(withProtocol.and(MatchField.UDP_DST, ports));
    return matches;
  }

  /** The remote addresses a rule allows: null for anywhere, a CIDR, or the members of its remote group (none known: nothing). */
  private static List<String> remotes(SecurityGroupRule rule, Map<String, GroupPlan> groups) {
    if (rule.remoteGroupId() != null) {
      GroupPlan remote = groups.get(rule.remoteGroupId());
      return remote == null ? List.of() : remote.memberAddresses();
    }
    if (rule.remoteIpPrefix() == null || rule.remoteIpPrefix().endsWith("/0")) return Collections.singletonList(null);
    return List.of(rule.remoteIpPrefix().endsWith("/32") ? rule.remoteIpPrefix().substring(0, rule.remoteIpPrefix().length() - 3) : rule.remoteIpPrefix());
  }
}
