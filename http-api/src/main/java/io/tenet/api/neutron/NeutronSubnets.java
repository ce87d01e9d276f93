package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.IpRange;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tenet's subnets as Neutron subnets, both ways (pure). A Tenet subnet lives in its network (the
 * network's list of subnets); Neutron's is a resource of its own that names its network. Tenet's
 * subnets are IPv4 and always have a gateway, and take no subnet pools.
 */
final class NeutronSubnets {
  private static final Set<String> WRITABLE = Set.of("name", "gateway_ip", "allocation_pools", "dns_nameservers", "host_routes", "enable_dhcp",
      "description");
  private static final Set<String> CREATE = NeutronBody.names(WRITABLE, Set.of("network_id", "cidr", "ip_version", "tenant_id", "project_id", "subnetpool_id",
      "ipv6_ra_mode", "ipv6_address_mode", "service_types", "segment_id", "use_default_subnetpool"));

  private NeutronSubnets() {}

  static Set<String> createAttributes() {
    return CREATE;
  }

  static Set<String> updateAttributes() {
    return WRITABLE;
  }

  /** The network a create names. */
  static String networkOf(NeutronBody subnet) {
    String networkId = subnet.string("network_id");
    if (networkId == null) throw NeutronBody.invalid("network_id", "a subnet needs the network it belongs to");
    return networkId;
  }

  /** A create's body as Tenet's request for new subnet {@code id}. */
  static SubnetRequest create(NeutronBody subnet, String id) {
    Integer version = subnet.integer("ip_version");
    if (version != null && version != 4) throw NeutronBody.invalid("ip_version", "Tenet's subnets are IPv4");
    for (String unsupported : List.of("subnetpool_id", "ipv6_ra_mode", "ipv6_address_mode", "segment_id")) {
      if (subnet.string(unsupported) != null) throw NeutronBody.invalid(unsupported, "not supported by Tenet");
    }
    if (Boolean.TRUE.equals(subnet.bool("use_default_subnetpool"))) throw NeutronBody.invalid("use_default_subnetpool", "Tenet has no subnet pools");
    subnet.onlyAsAlways("service_types", List.of(), "Tenet keeps no service types");
    String cidr = subnet.string("cidr");
    if (cidr == null) throw NeutronBody.invalid("cidr", "a subnet needs a CIDR (Tenet has no subnet pools)");
    rejectUnkept(subnet);
    return new SubnetRequest(id, subnet.string("name"), cidr, subnet.string("gateway_ip"), pools(subnet), subnet.bool("enable_dhcp"),
        dnsServers(subnet), hostRoutes(subnet));
  }

  /** An update's body applied to {@code current}: what it names replaces what the subnet has. */
  static SubnetRequest update(NeutronBody changes, Subnet current) {
    rejectUnkept(changes);
    SubnetRequest now = requestOf(current);
    return new SubnetRequest(now.id(),
        changes.has("name") ? changes.string("name") : now.name(),
        now.cidr(),
        changes.has("gateway_ip") ? changes.string("gateway_ip") : now.gatewayIp(),
        changes.has("allocation_pools") ? pools(changes) : now.allocationPools(),
        changes.has("enable_dhcp") ? changes.bool("enable_dhcp") : now.dhcpEnabled(),
        changes.has("dns_nameservers") ? dnsServers(changes) : now.dnsServers(),
        changes.has("host_routes") ? hostRoutes(changes) : now.hostRoutes());
  }

  /** A stored subnet as the request that keeps it as it is (to write a network's list back). */
  static SubnetRequest requestOf(Subnet subnet) {
    return new SubnetRequest(subnet.id(), subnet.name(), subnet.cidr(), subnet.gatewayIp(), subnet.allocationPools(), subnet.dhcpEnabled(),
        subnet.dnsServers(), subnet.hostRoutes());
  }

  /** The subnet as Neutron shows it. */
  static ObjectNode view(Subnet subnet, NetworkView network) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", subnet.id());
    json.put("name", subnet.name() == null ? "" : subnet.name());
    json.put("network_id", network.id());
    json.put("tenant_id", network.tenantId());
    json.put("project_id", network.tenantId());
    json.put("ip_version", 4);
    json.put("cidr", subnet.cidr());
    json.put("gateway_ip", subnet.gatewayIp());
    ArrayNode pools = json.putArray("allocation_pools");
    subnet.allocationPools().forEach(pool -> pools.addObject().put("start", pool.start()).put("end", pool.end()));
    ArrayNode dns = json.putArray("dns_nameservers");
    subnet.dnsServers().forEach(dns::add);
    ArrayNode routes = json.putArray("host_routes");
    subnet.hostRoutes().forEach(route -> routes.addObject().put("destination", route.destination()).put("nexthop", route.nexthop()));
    json.put("enable_dhcp", subnet.dhcpEnabled());
    json.putNull("ipv6_ra_mode");
    json.putNull("ipv6_address_mode");
    json.putNull("subnetpool_id");
    json.putNull("segment_id");
    json.putArray("service_types");
    json.put("description", "");
    NeutronValues.putTags(json, subnet.tags());
    json.put("created_at", NeutronNetworks.time(network.createdAt()));
    json.put("updated_at", NeutronNetworks.time(network.updatedAt()));
    json.put("revision_number", network.revision());
    return json;
  }

  /**
   * Tenet names a subnet's attributes inside its network ({@code subnets[2].dns_servers[0]}); a
   * refusal of a Neutron subnet request names the subnet's own attribute ({@code dns_nameservers}).
   */
  static String neutronField(String tenetField) {
    if (tenetField == null) return null;
    String field = tenetField.replaceFirst("^subnets\\[\\d+\\]\\.?", "").replaceFirst("\\[.*$", "");
    return switch (field) {
      case "", "subnets" -> null;
      case "dns_servers" -> "dns_nameservers";
      case "dhcp_enabled" -> "enable_dhcp";
      default -> field;
    };
  }

  private static void rejectUnkept(NeutronBody subnet) {
    if (subnet.has("gateway_ip") && subnet.string("gateway_ip") == null) {
      throw NeutronBody.invalid("gateway_ip", "a Tenet subnet always has a gateway (its routers' address on it)");
    }
    subnet.onlyAsAlways("description", "", "Tenet keeps no description of a subnet");
  }

  private static List<IpRange> pools(NeutronBody subnet) {
    List<JsonNode> listed = subnet.list("allocation_pools");
    if (listed == null) return null;
    List<IpRange> pools = new ArrayList<>();
    for (JsonNode pool : listed) {
      if (!pool.isObject() || !pool.path("start").isTextual() || !pool.path("end").isTextual()) {
        throw NeutronBody.invalid("allocation_pools", "each pool is {\"start\": <address>, \"end\": <address>}");
      }
      pools.add(new IpRange(pool.get("start").asText(), pool.get("end").asText()));
    }
    return pools;
  }

  private static List<String> dnsServers(NeutronBody subnet) {
    List<JsonNode> listed = subnet.list("dns_nameservers");
    if (listed == null) return null;
    List<String> servers = new ArrayList<>();
    for (JsonNode server : listed) {
      if (!server.isTextual()) throw NeutronBody.invalid("dns_nameservers", "'" + server + "' is not an address");
      servers.add(server.asText());
    }
    return servers;
  }

  private static List<HostRoute> hostRoutes(NeutronBody subnet) {
    List<JsonNode> listed = subnet.list("host_routes");
    if (listed == null) return null;
    List<HostRoute> routes = new ArrayList<>();
    for (JsonNode route : listed) {
      if (!route.isObject() || !route.path("destination").isTextual() || !route.path("nexthop").isTextual()) {
        throw NeutronBody.invalid("host_routes", "each route is {\"destination\": <cidr>, \"nexthop\": <address>}");
      }
      routes.add(new HostRoute(route.get("destination").asText(), route.get("nexthop").asText()));
    }
    return routes;
  }
}
