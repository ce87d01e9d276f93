package io.tenet.topology.validation;

import static io.tenet.topology.model.ProblemException.invalid;

import io.tenet.topology.model.AddressPair;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import io.tenet.topology.net.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks a port request on its own; whether its addresses are free is the network's call. */
public final class PortValidation {
  private PortValidation() {}

  /**
   * @param defaultSecurityGroupId given to a port that names no groups and keeps port security on
   */
  public static Outcome<PortSpec> validate(PortRequest request, String defaultSecurityGroupId) {
    return ProblemException.outcome(() -> {
      if (request.networkId() == null) throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, "network_id is required", "network_id"));
      boolean portSecurity = request.portSecurityEnabled() == null || request.portSecurityEnabled();
      List<String> groups = securityGroups(request.securityGroupIds(), portSecurity, defaultSecurityGroupId);
      List<AddressPair> pairs = addressPairs(request.allowedAddressPairs(), portSecurity);
      return new PortSpec(
          Fields.id("network_id", request.networkId()),
          Fields.name("name", request.name()),
          mac(request.macAddress()),
          fixedIps(request.fixedIps()),
          groups,
          portSecurity,
          request.adminStateUp() == null || request.adminStateUp(),
          Fields.name("device_owner", request.deviceOwner()),
          Fields.name("device_id", request.deviceId()),
          pairs);
    });
  }

  /** Applies a patch to a port's current definition; addresses cannot change over a port's life. */
  public static Outcome<PortSpec> patch(PortSpec current, PortPatch patch) {
    return ProblemException.outcome(() -> {
      if (patch.macAddress() != null) throw new ProblemException(new Problem(ProblemCode.NOT_UPDATABLE, "mac_address cannot be changed; create a new port", "mac_address"));
      if (patch.fixedIps() != null) throw new ProblemException(new Problem(ProblemCode.NOT_UPDATABLE, "fixed_ips cannot be changed; create a new port", "fixed_ips"));
      ownerUnchangedForRouterPorts(current, patch);
      boolean portSecurity = patch.portSecurityEnabled() == null ? current.portSecurityEnabled() : patch.portSecurityEnabled();
      List<String> groups = patch.securityGroupIds() == null ? current.securityGroupIds() : distinctIds(patch.securityGroupIds());
      if (!portSecurity && !groups.isEmpty()) {
        if (patch.securityGroupIds() == null && patch.portSecurityEnabled() != null) {
          groups = List.of(); // turning port security off drops the groups it implied only when none are named
        } else {
          throw portSecurityConflict();
        }
      }
      List<AddressPair> pairs = patch.allowedAddressPairs() == null ? current.allowedAddressPairs() : patch.allowedAddressPairs();
      pairs = addressPairs(pairs, portSecurity);
      return new PortSpec(
          current.networkId(),
          patch.name() == null ? current.name() : Fields.name("name", patch.name()),
          current.requestedMac(),
          current.requestedIps(),
          groups,
          portSecurity,
          patch.adminStateUp() == null ? current.adminStateUp() : patch.adminStateUp(),
          patch.deviceOwner() == null ? current.deviceOwner() : Fields.name("device_owner", patch.deviceOwner()),
          patch.deviceId() == null ? current.deviceId() : Fields.name("device_id", patch.deviceId()),
          pairs);
    });
  }

  /** Neutron's limit per port: more means a design that wants a subnet, not pairs. */
  static final int MAX_ADDRESS_PAIRS = 10;

  /** Each pair an IPv4 address or CIDR, with a unicast MAC or none; only on a port with port security (the pairs extend it). */
  private static List<AddressPair> addressPairs(List<AddressPair> requested, boolean portSecurity) {
    if (requested == null || requested.isEmpty()) return List.of();
    if (!portSecurity) {
      throw new ProblemException(new Problem(ProblemCode.PORT_SECURITY_DISABLED,
          "allowed_address_pairs extend port security; a port with port security disabled cannot have them", "allowed_address_pairs"));
    }
    if (requested.size() > MAX_ADDRESS_PAIRS) {
      throw invalid("allowed_address_pairs", "at most " + MAX_ADDRESS_PAIRS + " allowed_address_pairs per port, not " + requested.size());
    }
    LinkedHashSet<AddressPair> pairs = new LinkedHashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String field = "allowed_address_pairs[" + i + "]";
      AddressPair pair = requested.get(i);
      if (pair == null || pair.ipAddress() == null) throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, field + ".ip_address is required", field + ".ip_address"));
      String ip = pairAddress(field + ".ip_address", pair.ipAddress());
      String mac = pair.macAddress() == null ? null : unicastMac(field + ".mac_address", pair.macAddress());
      pairs.add(new AddressPair(ip, mac));
    }
    return List.copyOf(pairs);
  }

  /** An address ("10.0.0.100") or a CIDR ("10.0.0.96/28", written with its network address). */
  private static String pairAddress(String field, String text) {
    if (!text.contains("/")) {
      return Ipv4Address.parse(text).map(Ipv4Address::toString)
          .orElseThrow(() -> invalid(field, "'" + text + "' is not an IPv4 address or CIDR like 10.0.0.100 or 10.0.0.96/28"));
    }
    Ipv4Cidr cidr = Ipv4Cidr.parse(text)
        .orElseThrow(() -> invalid(field, "'" + text + "' is not an IPv4 CIDR with its network address, like 10.0.0.96/28"));
    return cidr.prefixLength() == 32 ? cidr.network().toString() : cidr.toString();
  }

  /** A router's interface port belongs to its router for life, and no port can claim to be one. */
  private static void ownerUnchangedForRouterPorts(PortSpec current, PortPatch patch) {
    boolean ownerChanges = patch.deviceOwner() != null && !patch.deviceOwner().equals(current.deviceOwner());
    boolean deviceChanges = patch.deviceId() != null && !patch.deviceId().equals(current.deviceId());
    if (current.isManaged() && (ownerChanges || deviceChanges)) {
      throw invalid(ownerChanges ? "device_owner" : "device_id", "this port keeps its owner; remove the router interface, gateway or floating IP instead");
    }
    if (!current.isManaged() && PortSpec.isManaged(patch.deviceOwner())) {
      throw invalid("device_owner", "device_owner " + patch.deviceOwner() + " is set by Tenet itself; add a router interface, gateway or floating IP instead");
    }
  }

  private static List<String> securityGroups(List<String> requested, boolean portSecurity, String defaultGroup) {
    if (requested == null) return portSecurity && defaultGroup != null ? List.of(defaultGroup) : List.of();
    List<String> groups = distinctIds(requested);
    if (!portSecurity && !groups.isEmpty()) throw portSecurityConflict();
    return groups;
  }

  private static List<String> distinctIds(List<String> ids) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = Fields.id("security_group_ids[" + i + "]", ids.get(i));
      if (id == null) throw invalid("security_group_ids[" + i + "]", "security_group_ids[" + i + "] is null");
      distinct.add(id);
    }
    return List.copyOf(distinct);
  }

  private static ProblemException portSecurityConflict() {
    return new ProblemException(new Problem(ProblemCode.PORT_SECURITY_DISABLED,
        "a port with port security disabled cannot have security groups", "security_group_ids"));
  }

  private static String mac(String requested) {
    return requested == null ? null : unicastMac("mac_address", requested);
  }

  private static String unicastMac(String field, String requested) {
    MacAddress mac = MacAddress.parse(requested).orElseThrow(() -> invalid(field, "'" + requested + "' is not a MAC address like fa:16:3e:00:00:01"));
    if (mac.isMulticast() || mac.isZero()) throw invalid(field, field + " " + mac + " must be a unicast, non-zero address");
    return mac.toString();
  }

  private static List<FixedIp> fixedIps(List<FixedIp> requested) {
    if (requested == null) return null;
    List<FixedIp> normalized = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String field = "fixed_ips[" + i + "]";
      FixedIp ip = requested.get(i);
      if (ip == null || (ip.subnetId() == null && ip.ipAddress() == null)) throw invalid(field, field + " needs a subnet_id, an ip_address or both");
      String address = ip.ipAddress() == null ? null : Fields.ip(field + ".ip_address", ip.ipAddress()).toString();
      FixedIp canonical = new FixedIp(Fields.id(field + ".subnet_id", ip.subnetId()), address);
      if (address != null && normalized.stream().anyMatch(other -> address.equals(other.ipAddress()))) {
        throw invalid(field + ".ip_address", address + " is listed twice");
      }
      normalized.add(canonical);
    }
    return normalized;
  }
}
