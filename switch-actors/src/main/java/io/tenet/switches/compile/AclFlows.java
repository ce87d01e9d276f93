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
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stateful security groups for one local port, with the port's own conntrack zone (its OpenFlow
 * port number, unique on the datapath) for both directions. IPv4 it sends goes through the zone
 * (egress_acl) and resumes in egress_rules; IPv4 for it does the same in ingress_acl and
 * ingress_rules. There, replies and related packets of its connections pass, invalid packets and
 * those of revoked connections drop, and everything else (a new connection, or the original
 * direction of an established one) is looked up in the rules each time: a rule that allows it sets
 * the direction's allowed bit in the metadata. In the verdict table an allowed packet is committed
 * and goes on; an established connection no rule allows any more is revoked (ct_mark 1, so its
 * replies drop too) and dropped; a new one is dropped. Rules with a remote prefix or none are
 * flows of this port here; rules naming a remote group are {@link RemoteGroupFlows}, shared by the
 * datapath's ports. DHCP requests bypass the tracker.
 */
final class AclFlows {
  /** ct_mark bit of a connection a rule change revoked. */
  static final long REVOKED = 0x1;
  private static final String INVALID = "+trk+inv";
  private static final String REPLY = "+trk+rpl-inv";
  private static final String RELATED = "+trk+rel-inv";
  private static final String ESTABLISHED = "+trk+est-inv";

  private AclFlows() {}

  static Set<FlowEntry> flows(LocalPort port, Map<String, GroupPlan> groups) {
    Set<FlowEntry> flows = new HashSet<>();
    if (!port.filtered()) return flows;
    Cookie cookie = Cookie.of(Cookie.Owner.PORT, port.portId());
    int zone = (int) port.ofport();
    Match sent = sent(port);
    Match received = received(port);

    Match dhcpRequest = sent.and(MatchField.IP_PROTO, Flows.UDP).and(MatchField.UDP_SRC, 68).and(MatchField.UDP_DST, 67);
    flows.add(Flows.flow(Table.EGRESS_ACL, Priority.SERVICE, dhcpRequest, cookie, Flows.gotoTable(Table.ARP_DHCP)));
    flows.add(Flows.flow(Table.EGRESS_ACL, Priority.ALLOW, sent, cookie, new Action.Conntrack(false, zone, Table.EGRESS_RULES)));
    flows.add(Flows.flow(Table.INGRESS_ACL, Priority.ALLOW, received, cookie, new Action.Conntrack(false, zone, Table.INGRESS_RULES)));
    known(flows, Table.EGRESS_RULES, sent, cookie, Table.ARP_DHCP);
    known(flows, Table.INGRESS_RULES, received, cookie, Table.OUTPUT);
    verdict(flows, Table.EGRESS_VERDICT, sent.and(MatchField.METADATA, Metadata.masked(Metadata.EGRESS_ALLOWED, Metadata.EGRESS_ALLOWED)), sent, zone, cookie,
        Table.ARP_DHCP);
    verdict(flows, Table.INGRESS_VERDICT, received(port, Metadata.INGRESS_ALLOWED), received, zone, cookie, Table.OUTPUT);

    for (String groupId : port.securityGroupIds()) {
      GroupPlan group = groups.get(groupId);
      if (group == null) continue; // not known yet: nothing new passes (reconciliation removes nothing meanwhile)
      for (SecurityGroupRule rule : group.rules()) {
        if (!RuleMatches.appliesToIpv4(rule) || rule.remoteGroupId() != null) continue;
        boolean egress = rule.direction() == RuleDirection.EGRESS;
        Optional<String> prefix = RuleMatches.remotePrefix(rule);
        Match base = egress ? sent : received;
        if (prefix.isPresent()) base = base.and(egress ? MatchField.IPV4_DST : MatchField.IPV4_SRC, prefix.get());
        for (Match match : RuleMatches.protocol(base, rule)) {
          flows.add(Flows.flow(egress ? Table.EGRESS_RULES : Table.INGRESS_RULES, Priority.RULE, match, cookie, allow(egress), Flows.gotoTable(verdictOf(egress))));
        }
      }
    }
    return flows;
  }

  /** IPv4 the port sends. */
  static Match sent(LocalPort port) {
    return Match.any().and(MatchField.IN_PORT, port.ofport()).and(MatchField.ETH_TYPE, Flows.IPV4);
  }

  /** IPv4 for the port. */
  static Match received(LocalPort port) {
    return received(port, 0);
  }

  private static Match received(LocalPort port, long flags) {
    long value = Metadata.port(port.ofport()) | flags;
    return Match.any().and(MatchField.METADATA, Metadata.masked(value, Metadata.PORT_MASK | flags)).and(MatchField.ETH_TYPE, Flows.IPV4);
  }

  /** What a rule that allows a packet does: marks it allowed for the direction's verdict. */
  static Action allow(boolean egress) {
    long bit = egress ? Metadata.EGRESS_ALLOWED : Metadata.INGRESS_ALLOWED;
    return new Action.WriteMetadata(bit, bit);
  }

  static Table verdictOf(boolean egress) {
    return egress ? Table.EGRESS_VERDICT : Table.INGRESS_VERDICT;
  }

  /** Known connections: replies and related packets pass on; invalid packets and revoked connections drop. */
  private static void known(Set<FlowEntry> flows, Table table, Match direction, Cookie cookie, Table next) {
    flows.add(Flows.flow(table, Priority.CONNECTION_INVALID, direction.and(MatchField.CT_STATE, INVALID), cookie));
    flows.add(Flows.flow(table, Priority.CONNECTION_INVALID, direction.and(MatchField.CT_STATE, "+trk").and(MatchField.CT_MARK, revokedMark()), cookie));
    flows.add(Flows.flow(table, Priority.CONNECTION_KNOWN, direction.and(MatchField.CT_STATE, REPLY), cookie, Flows.gotoTable(next)));
    flows.add(Flows.flow(table, Priority.CONNECTION_KNOWN, direction.and(MatchField.CT_STATE, RELATED), cookie, Flows.gotoTable(next)));
  }

  /** Allowed: committed, on to {@code next}. Not allowed and established: revoked, dropped. Anything else: dropped by the table miss. */
  private static void verdict(Set<FlowEntry> flows, Table table, Match allowed, Match direction, int zone, Cookie cookie, Table next) {
    flows.add(Flows.flow(table, Priority.ALLOW, allowed, cookie, new Action.Conntrack(true, zone, null), Flows.gotoTable(next)));
    flows.add(Flows.flow(table, Priority.REVOKE, direction.and(MatchField.CT_STATE, ESTABLISHED), cookie, new Action.ConntrackMark(zone, REVOKED)));
  }

  private static String revokedMark() {
    return "0x" + Long.toHexString(REVOKED) + "/0x" + Long.toHexString(REVOKED);
  }
}
