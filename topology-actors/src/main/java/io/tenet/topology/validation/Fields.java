package io.tenet.topology.validation;

import static io.tenet.topology.model.ProblemException.invalid;

import io.tenet.topology.model.HostRoute;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;

/** Parsing of single fields shared by the validators; each failure names the field. */
final class Fields {
  static final int MAX_NAME_LENGTH = 255;

  private Fields() {}

  static String name(String field, String value) {
    if (value == null) return "";
    if (value.length() > MAX_NAME_LENGTH) throw invalid(field, field + " is longer than " + MAX_NAME_LENGTH + " characters");
    if (value.chars().anyMatch(Character::isISOControl)) throw invalid(field, field + " contains control characters");
    return value;
  }

  static Ipv4Address ip(String field, String value) {
    if (value == null) throw invalid(field, field + " is required");
    return Ipv4Address.parse(value).orElseThrow(() -> invalid(field, "'" + value + "' is not an IPv4 address"));
  }

  static Ipv4Cidr cidr(String field, String value) {
    if (value == null) throw invalid(field, field + " is required");
    Ipv4Cidr parsed = Ipv4Cidr.parse(value).orElse(null);
    if (parsed == null) {
      throw invalid(field, "'" + value + "' is not an IPv4 CIDR with its host bits zero (like 10.0.0.0/24)");
    }
    return parsed;
  }

  static String id(String field, String value) {
    if (value == null) return null;
    if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw invalid(field, field + " must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return value;
  }

  static List<HostRoute> routes(String field, List<HostRoute> routes) {
    List<HostRoute> normalized = new ArrayList<>();
    if (routes == null) return normalized;
    for (int i = 0; i < routes.size(); i++) {
      HostRoute route = routes.get(i);
      String at = field + "[" + i + "]";
      if (route == null) throw invalid(at, at + " is null");
      Ipv4Cidr destination = cidr(at + ".destination", route.destination());
      Ipv4Address nexthop = ip(at + ".nexthop", route.nexthop());
      HostRoute canonical = new HostRoute(destination.toString(), nexthop.toString());
      if (normalized.contains(canonical)) throw invalid(at, "route " + destination + " via " + nexthop + " is listed twice");
      normalized.add(canonical);
    }
    return normalized;
  }
}
