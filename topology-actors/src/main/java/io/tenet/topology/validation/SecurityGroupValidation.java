package io.tenet.topology.validation;

import static io.tenet.topology.model.ProblemException.invalid;

import io.tenet.topology.model.Ids;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.SecurityGroupRuleRequest;
import io.tenet.topology.model.SecurityGroupSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks security groups and normalizes their rules (protocol names, ethertype spelling). */
public final class SecurityGroupValidation {
  private static final Map<String, Integer> PROTOCOL_NUMBERS = Map.of("icmp", 1, "tcp", 6, "udp", 17, "sctp", 132, "icmpv6", 58);
  public static final int MAX_RULES = 500;

  private SecurityGroupValidation() {}

  public static Outcome<SecurityGroupSpec> validate(String groupId, String name, String description, List<SecurityGroupRuleRequest> rules) {
    return ProblemException.outcome(() -> new SecurityGroupSpec(
        Fields.name("name", name), Fields.name("description", description), rules(groupId, rules)));
  }

  /** Neutron's default group: all egress, and ingress only from members of the same group. */
  public static SecurityGroupSpec defaultGroup(String groupId) {
    List<SecurityGroupRuleRequest> rules = List.of(
        new SecurityGroupRuleRequest(null, "egress", "IPv4", null, null, null, null, null, null),
        new SecurityGroupRuleRequest(null, "egress", "IPv6", null, null, null, null, null, null),
        new SecurityGroupRuleRequest(null, "ingress", "IPv4", null, null, null, null, groupId, null),
        new SecurityGroupRuleRequest(null, "ingress", "IPv6", null, null, null, null, groupId, null));
    return new SecurityGroupSpec("default", "Default security group", rules(groupId, rules));
  }

  public static List<SecurityGroupRule> rules(String groupId, List<SecurityGroupRuleRequest> requests) {
    List<SecurityGroupRule> rules = new ArrayList<>();
    if (requests == null) return rules;
    if (requests.size() > MAX_RULES) throw invalid("rules", "a security group holds at most " + MAX_RULES + " rules");
    for (int i = 0; i < requests.size(); i++) {
      SecurityGroupRule rule = rule(groupId, "rules[" + i + "]", requests.get(i));
      for (SecurityGroupRule earlier : rules) {
        if (sameMatch(earlier, rule)) {
          throw new ProblemException(new Problem(ProblemCode.ALREADY_EXISTS, "rules[" + i + "] repeats an earlier rule", "rules[" + i + "]"));
        }
        if (earlier.id().equals(rule.id())) throw invalid("rules[" + i + "].id", "rule id " + rule.id() + " is used twice");
      }
      rules.add(rule);
    }
    return rules;
  }

  private static boolean sameMatch(SecurityGroupRule a, SecurityGroupRule b) {
    return a.direction() == b.direction() && a.ethertype().equals(b.ethertype())
        && java.util.Objects.equals(a.protocol(), b.protocol())
        && java.util.Objects.equals(a.portRangeMin(), b.portRangeMin()) && java.util.Objects.equals(a.portRangeMax(), b.portRangeMax())
        && java.util.Objects.equals(a.remoteIpPrefix(), b.remoteIpPrefix()) && java.util.Objects.equals(a.remoteGroupId(), b.remoteGroupId());
  }

  static SecurityGroupRule rule(String groupId, String field, SecurityGroupRuleRequest request) {
    if (request == null) throw invalid(field, field + " is null");
    RuleDirection direction = switch (request.direction() == null ? "" : request.direction().toLowerCase(Locale.ROOT)) {
      case "ingress" -> RuleDirection.INGRESS;
      case "egress" -> RuleDirection.EGRESS;
      default -> throw invalid(field + ".direction", "direction must be 'ingress' or 'egress'");
    };
    String ethertype = switch (request.ethertype() == null ? "ipv4" : request.ethertype().toLowerCase(Locale.ROOT)) {
      case "ipv4" -> "IPv4";
      case "ipv6" -> "IPv6";
      default -> throw invalid(field + ".ethertype", "ethertype must be 'IPv4' or 'IPv6'");
    };
    String protocol = protocol(field + ".protocol", request.protocol());
    Integer min = request.portRangeMin();
    Integer max = request.portRangeMax();
    boolean ported = "tcp".equals(protocol) || "udp".equals(protocol) || "sctp".equals(protocol);
    boolean icmp = "icmp".equals(protocol) || "icmpv6".equals(protocol);
    if ((min != null || max != null) && !ported && !icmp) {
      throw invalid(field + ".port_range_min", "port ranges need protocol tcp, udp, sctp (ports) or icmp (type/code)");
    }
    if (ported) {
      if (min != null && max == null) max = min;
      if (min == null && max != null) throw invalid(field + ".port_range_min", "port_range_min is required with port_range_max");
      if (min != null && (min < 1 || max > 65535 || min > max)) throw invalid(field + ".port_range_min", "ports must satisfy 1 <= port_range_min <= port_range_max <= 65535");
    }
    if (icmp) { // Neutron's convention: min is the ICMP type, max the code
      if (min != null && (min < 0 || min > 255)) throw invalid(field + ".port_range_min", "ICMP type must be 0-255");
      if (max != null && (max < 0 || max > 255)) throw invalid(field + ".port_range_max", "ICMP code must be 0-255");
      if (min == null && max != null) throw invalid(field + ".port_range_min", "an ICMP code needs a type");
    }
    if (request.remoteIpPrefix() != null && request.remoteGroupId() != null) {
      throw invalid(field + ".remote_ip_prefix", "give remote_ip_prefix or remote_group_id, not both");
    }
    String prefix = request.remoteIpPrefix() == null ? null : prefix(field + ".remote_ip_prefix", ethertype, request.remoteIpPrefix());
    String remoteGroup = Fields.id(field + ".remote_group_id", request.remoteGroupId());
    String id = request.id() != null ? Fields.id(field + ".id", request.id())
        : Ids.derived(groupId, "rule", direction.name(), ethertype, String.valueOf(protocol), String.valueOf(min), String.valueOf(max), String.valueOf(prefix), String.valueOf(remoteGroup));
    return new SecurityGroupRule(id, direction, ethertype, protocol, min, max, prefix, remoteGroup, Fields.name(field + ".description", request.description()));
  }

  private static String protocol(String field, String requested) {
    if (requested == null || requested.equalsIgnoreCase("any")) return null;
    String lower = requested.toLowerCase(Locale.ROOT);
    if (PROTOCOL_NUMBERS.containsKey(lower)) return lower;
    if (lower.matches("\\d{1,3}")) {
      int number = Integer.parseInt(lower);
      if (number > 255) throw invalid(field, "protocol number must be 0-255");
      return PROTOCOL_NUMBERS.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst().orElse(lower);
    }
    throw invalid(field, "protocol must be tcp, udp, icmp, sctp, icmpv6, any, or a number 0-255");
  }

  private static String prefix(String field, String ethertype, String prefix) {
    if (ethertype.equals("IPv4")) return Fields.cidr(field, prefix).toString();
    int slash = prefix.indexOf('/');
    String address = slash < 0 ? prefix : prefix.substring(0, slash);
    String lengthText = slash < 0 ? "128" : prefix.substring(slash + 1);
    // Only hex digits and colons reach InetAddress, which then parses and never looks names up.
    if (!address.matches("[0-9a-fA-F:]*:[0-9a-fA-F:]*") || !lengthText.matches("\\d{1,3}")) {
      throw invalid(field, "'" + prefix + "' is not an IPv6 prefix like 2001:db8::/32");
    }
    int length = Integer.parseInt(lengthText);
    if (length > 128) throw invalid(field, "IPv6 prefix length must be 0-128");
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (!(parsed instanceof java.net.Inet6Address)) throw invalid(field, "'" + prefix + "' is not an IPv6 prefix");
      byte[] bytes = parsed.getAddress();
      for (int bit = length; bit < 128; bit++) {
        if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) throw invalid(field, "'" + prefix + "' has host bits set after /" + length);
      }
      return parsed.getHostAddress() + "/" + length;
    } catch (java.net.UnknownHostException e) {
      throw invalid(field, "'" + prefix + "' is not an IPv6 prefix");
    }
  }
}
