package io.tenet.topology.validation;

import static io.tenet.topology.model.ProblemException.invalid;

import io.tenet.topology.model.Ids;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkSpec;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProviderRequest;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.ProblemException;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a client's network request into a complete {@link NetworkSpec}, or says what is wrong. */
public final class NetworkValidation {
  public static final int DEFAULT_MTU = 1450; // 1500 minus VXLAN's 50 bytes of outer headers
  public static final int MIN_MTU = 576;
  public static final int MAX_MTU = 9000;
  public static final int MAX_VNI = (1 << 24) - 1;
  /** Smallest subnet that still holds a gateway, the DHCP server address and one port. */
  public static final int LONGEST_PREFIX = 29;
  public static final int MAX_DNS_SERVERS = 5;
  public static final int MAX_VLAN = 4094;
  /** As hypervisors may name it in tenet-bridge-mappings. */
  private static final Pattern PHYSICAL_NETWORK = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  private NetworkValidation() {}

  public static Outcome<NetworkSpec> validate(String networkId, NetworkRequest request) {
    return ProblemException.outcome(() -> {
      if (request.vni() != null && (request.vni() < 1 || request.vni() > MAX_VNI)) {
        throw invalid("vni", "vni must be between 1 and " + MAX_VNI);
      }
      List<Subnet> subnets = subnets(networkId, request.subnets());
      boolean external = Boolean.TRUE.equals(request.external());
      return new NetworkSpec(
          Fields.name("name", request.name()),
          request.vni(),
          mtu(request.mtu()),
          request.adminStateUp() == null || request.adminStateUp(),
          subnets,
          external,
          provider(external, request.provider()));
    });
  }

  /** An external network names its segment; a tenant network has none (its overlay is its segment). */
  static ProviderSegment provider(boolean external, ProviderRequest request) {
    if (!external) {
      if (request != null) throw invalid("provider", "provider is only for external networks (external: true)");
      return null;
    }
    if (request == null) throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, "an external network needs provider: {type, physical_network}", "provider"));
    if (request.type() == null) throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, "provider.type is flat or vlan", "provider.type"));
    ProviderType type = switch (request.type()) {
      case "flat" -> ProviderType.FLAT;
      case "vlan" -> ProviderType.VLAN;
      default -> throw invalid("provider.type", "provider.type must be flat or vlan, not '" + request.type() + "'");
    };
    if (request.physicalNetwork() == null) {
      throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, "provider.physical_network names a hypervisor bridge mapping", "provider.physical_network"));
    }
    if (!PHYSICAL_NETWORK.matcher(request.physicalNetwork()).matches()) {
      throw invalid("provider.physical_network", "provider.physical_network must be 1-32 letters, digits, '_', '.' or '-'");
    }
    if (type == ProviderType.FLAT) {
      if (request.segmentationId() != null) throw invalid("provider.segmentation_id", "a flat network has no segmentation_id");
      return new ProviderSegment(type, request.physicalNetwork(), null);
    }
    if (request.segmentationId() == null) {
      throw new ProblemException(new Problem(ProblemCode.MISSING_VALUE, "a vlan network needs provider.segmentation_id (1-4094)", "provider.segmentation_id"));
    }
    if (request.segmentationId() < 1 || request.segmentationId() > MAX_VLAN) {
      throw invalid("provider.segmentation_id", "provider.segmentation_id must be a VLAN id between 1 and " + MAX_VLAN);
    }
    return new ProviderSegment(type, request.physicalNetwork(), request.segmentationId());
  }

  /** A checked network patch; null fields stay as they are. */
  public record ValidPatch(String name, Integer mtu, Boolean adminStateUp, List<Subnet> subnets) {}

  public static Outcome<ValidPatch> patch(String networkId, NetworkPatch patch) {
    return ProblemException.outcome(() -> new ValidPatch(
        patch.name() == null ? null : Fields.name("name", patch.name()),
        patch.mtu() == null ? null : mtu(patch.mtu()),
        patch.adminStateUp(),
        patch.subnets() == null ? null : subnets(networkId, patch.subnets())));
  }

  static int mtu(Integer mtu) {
    if (mtu == null) return DEFAULT_MTU;
    if (mtu < MIN_MTU || mtu > MAX_MTU) throw invalid("mtu", "mtu must be between " + MIN_MTU + " and " + MAX_MTU);
    return mtu;
  }

  /** Validates a whole subnet list and refuses overlaps inside it. */
  public static List<Subnet> subnets(String networkId, List<SubnetRequest> requests) {
    List<Subnet> subnets = new ArrayList<>();
    if (requests == null) return subnets;
    for (int i = 0; i < requests.size(); i++) {
      SubnetRequest request = requests.get(i);
      if (request == null) throw invalid("subnets[" + i + "]", "subnets[" + i + "] is null");
      Subnet subnet = subnet(networkId, "subnets[" + i + "]", request);
      Ipv4Cidr cidr = Ipv4Cidr.parse(subnet.cidr()).orElseThrow();
      for (Subnet earlier : subnets) {
        if (Ipv4Cidr.parse(earlier.cidr()).orElseThrow().overlaps(cidr)) {
          throw new ProblemException(new Problem(ProblemCode.OVERLAPPING_SUBNET,
              "subnet " + cidr + " overlaps subnet " + earlier.cidr() + " of the same network", "subnets[" + i + "].cidr"));
        }
        if (earlier.id().equals(subnet.id())) throw invalid("subnets[" + i + "].id", "subnet id " + subnet.id() + " is used twice");
      }
      subnets.add(subnet);
    }
    return subnets;
  }

  static Subnet subnet(String networkId, String field, SubnetRequest request) {
    Ipv4Cidr cidr = Fields.cidr(field + ".cidr", request.cidr());
    if (cidr.prefixLength() > LONGEST_PREFIX) {
      throw invalid(field + ".cidr", "subnet " + cidr + " is too small: the longest prefix allowed is /" + LONGEST_PREFIX);
    }
    String id = request.id() != null ? Fields.id(field + ".id", request.id()) : Ids.derived(networkId, "subnet", cidr.toString());
    Ipv4Address gateway = request.gatewayIp() == null ? cidr.first().plus(1) : Fields.ip(field + ".gateway_ip", request.gatewayIp());
    if (!cidr.isUsableHost(gateway)) throw invalid(field + ".gateway_ip", "gateway " + gateway + " is not a host address of " + cidr);

    List<IpRange> pools = pools(field + ".allocation_pools", cidr, gateway, request.allocationPools());
    boolean dhcp = request.dhcpEnabled() == null || request.dhcpEnabled();
    String dhcpServer = dhcp ? pools.get(0).start() : null;

    List<String> dns = new ArrayList<>();
    List<String> requestedDns = request.dnsServers() == null ? List.of() : request.dnsServers();
    if (requestedDns.size() > MAX_DNS_SERVERS) throw invalid(field + ".dns_servers", "at most " + MAX_DNS_SERVERS + " DNS servers");
    for (int i = 0; i < requestedDns.size(); i++) dns.add(Fields.ip(field + ".dns_servers[" + i + "]", requestedDns.get(i)).toString());

    return new Subnet(id, Fields.name(field + ".name", request.name()), cidr.toString(), gateway.toString(), pools, dhcp, dhcpServer,
        dns, Fields.routes(field + ".host_routes", request.hostRoutes()));
  }

  private static List<IpRange> pools(String field, Ipv4Cidr cidr, Ipv4Address gateway, List<IpRange> requested) {
    if (requested == null || requested.isEmpty()) return defaultPools(cidr, gateway);
    List<IpRange> pools = new ArrayList<>();
    List<Ipv4Address[]> parsed = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String at = field + "[" + i + "]";
      IpRange range = requested.get(i);
      if (range == null) throw invalid(at, at + " is null");
      Ipv4Address start = Fields.ip(at + ".start", range.start());
      Ipv4Address end = Fields.ip(at + ".end", range.end());
      if (start.compareTo(end) > 0) throw invalid(at, "pool start " + start + " is after its end " + end);
      if (!cidr.isUsableHost(start) || !cidr.isUsableHost(end)) throw invalid(at, "pool " + start + "-" + end + " is not inside the host addresses of " + cidr);
      if (start.compareTo(gateway) <= 0 && gateway.compareTo(end) <= 0) throw invalid(at, "pool " + start + "-" + end + " contains the gateway " + gateway);
      for (Ipv4Address[] other : parsed) {
        if (start.compareTo(other[1]) <= 0 && other[0].compareTo(end) <= 0) throw invalid(at, "pool " + start + "-" + end + " overlaps another pool");
      }
      parsed.add(new Ipv4Address[] {start, end});
      pools.add(new IpRange(start.toString(), end.toString()));
    }
    pools.sort((a, b) -> Ipv4Address.parse(a.start()).orElseThrow().compareTo(Ipv4Address.parse(b.start()).orElseThrow()));
    return pools;
  }

  /** Every host address but the gateway, as at most two ranges around it. */
  private static List<IpRange> defaultPools(Ipv4Cidr cidr, Ipv4Address gateway) {
    Ipv4Address firstHost = cidr.first().plus(1);
    Ipv4Address lastHost = cidr.last().plus(-1);
    List<IpRange> pools = new ArrayList<>();
    if (gateway.compareTo(firstHost) > 0) pools.add(new IpRange(firstHost.toString(), gateway.plus(-1).toString()));
    if (gateway.compareTo(lastHost) < 0) pools.add(new IpRange(gateway.plus(1).toString(), lastHost.toString()));
    return pools;
  }
}
