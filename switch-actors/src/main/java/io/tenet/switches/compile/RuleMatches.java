package io.tenet.switches.compile;

import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The packet fields a security-group rule names, as matches: its protocol and ports, its remote prefix. */
final class RuleMatches {
  private static final Map<String, String> PROTOCOLS = Map.of("icmp", "1", "tcp", "6", "udp", "17", "sctp", "132");

  private RuleMatches() {}

  /**
   * {@code base} narrowed to the rule's protocol and ports: TCP/UDP ranges as masked blocks (several
   * matches), ICMP type and code. None when the rule cannot match IPv4 here (icmpv6, ports of
   * another protocol): such a rule allows nothing.
   */
  static List<Match> protocol(Match base, SecurityGroupRule rule) {
    if (rule.protocol() == null) return List.of(base);
    String number = PROTOCOLS.getOrDefault(rule.protocol(), rule.protocol());
    if (!number.chars().allMatch(Character::isDigit)) return List.of();
    Match withProtocol = base.and(MatchField.IP_PROTO, number);
    if ("1".equals(number)) {
      Match icmp = withProtocol;
      if (rule.portRangeMin() != null) icmp = icmp.and(MatchField.ICMP_TYPE, rule.portRangeMin());
      if (rule.portRangeMax() != null) icmp = icmp.and(MatchField.ICMP_CODE, rule.portRangeMax());
      return List.of(icmp);
    }
    if (rule.portRangeMin() == null) return List.of(withProtocol);
    if (!"6".equals(number) && !"17".equals(number)) return List.of();
    List<Match> matches = new ArrayList<>();
    for (String ports : PortRanges.masks(rule.portRangeMin(), rule.portRangeMax())) matches.add(withProtocol.and(MatchField.UDP_DST, ports));
    return matches;
  }

  /** The rule's remote prefix as an nw_src/nw_dst value; empty for anywhere (no prefix, or a /0). */
  static Optional<String> remotePrefix(SecurityGroupRule rule) {
    String prefix = rule.remoteIpPrefix();
    if (prefix == null || prefix.endsWith("/0")) return Optional.empty();
    return Optional.of(prefix.endsWith("/32") ? prefix.substring(0, prefix.length() - 3) : prefix);
  }

  /** Whether the flows can carry the rule at all: the overlay carries IPv4 only. */
  static boolean appliesToIpv4(SecurityGroupRule rule) {
    return "IPv4".equals(rule.ethertype());
  }
}
