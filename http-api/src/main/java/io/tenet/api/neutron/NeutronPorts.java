package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.AddressPair;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenet's ports as Neutron ports, both ways (pure). The {@code binding:*} attributes say where
 * the port is plugged: Tenet learns that from Open vSwitch (the interface's {@code iface-id}), so
 * a {@code binding:host_id} a client sends (Nova does, before it plugs the VM) is accepted and
 * then shown as the hypervisor the port is really plugged into. {@code status} is ACTIVE once
 * that hypervisor's switch confirmed the port's flows.
 */
final class NeutronPorts {
  private static final Set<String> WRITABLE = Set.of("name", "mac_address", "fixed_ips", "security_groups", "port_security_enabled", "admin_state_up",
      "device_owner", "device_id", "allowed_address_pairs", "binding:host_id", "binding:vnic_type", "binding:profile", "description", "extra_dhcp_opts");
  private static final Set<String> CREATE = NeutronBody.names(WRITABLE, Set.of("network_id", "tenant_id", "project_id"));

  private NeutronPorts() {}

  static Set<String> createAttributes() {
    return CREATE;
  }

  static Set<String> updateAttributes() {
    return WRITABLE;
  }

  /** A create's body as Tenet's request for port {@code id}. */
  private static final Pattern REQUESTED_IP = Pattern.compile("fixed_ips\\[(\\d+)]\\.ip_address");

  /**
   * A refused create of port {@code portId} in Neutron's words: an address in use or none left is
   * said of the port's network, as Neutron says it; anything else as for every resource.
   */
  static NeutronError refusal(Problem problem, PortRequest request, String portId) {
    String network = request.networkId();
    return switch (problem.code()) {
      case IP_IN_USE -> {
        String ip = requestedIp(problem.field(), request);
        yield ip == null ? NeutronError.of(problem, "Port", portId)
            : new NeutronError(409, "IpAddressInUse", "Unable to complete operation for network " + network + ". The IP address " + ip + " is in use.");
      }
      case MAC_IN_USE -> new NeutronError(409, "MacAddressInUse",
          "Unable to complete operation for network " + network + ". The mac address " + request.macAddress() + " is in use.");
      case SUBNET_EXHAUSTED -> new NeutronError(409, "IpAddressGenerationFailure", "No more IP addresses available on network " + network + ".");
      default -> NeutronError.of(problem, "Port", portId);
    };
  }

  /** The address the request asked for at the refused field ({@code fixed_ips[i].ip_address}), or null. */
  private static String requestedIp(String field, PortRequest request) {
    Matcher at = field == null ? null : REQUESTED_IP.matcher(field);
    if (at == null || !at.matches() || request.fixedIps() == null) return null;
    int index = Integer.parseInt(at.group(1));
    return index < request.fixedIps().size() ? request.fixedIps().get(index).ipAddress() : null;
  }

  static PortRequest create(NeutronBody port, String id) {
    String networkId = port.string("network_id");
    if (networkId == null) throw NeutronBody.invalid("network_id", "a port needs the network it belongs to");
    rejectUnkept(port);
    return new PortRequest(id, port.project(), networkId, port.string("name"), port.string("mac_address"), fixedIps(port),
        strings(port, "security_groups"), port.bool("port_security_enabled"), port.bool("admin_state_up"), port.string("device_owner"),
        port.string("device_id"), addressPairs(port));
  }

  /** An update's body as Tenet's patch: what it names replaces what the port has. */
  static PortPatch update(NeutronBody port) {
    rejectUnkept(port);
    return new PortPatch(port.string("name"), strings(port, "security_groups"), port.bool("port_security_enabled"), port.bool("admin_state_up"),
        port.string("device_owner"), port.string("device_id"), port.string("mac_address"), fixedIps(port), addressPairs(port));
  }

  /** The port as Neutron shows it. */
  static ObjectNode view(PortView port) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", port.id());
    json.put("name", port.name() == null ? "" : port.name());
    json.put("network_id", port.networkId());
    json.put("tenant_id", port.tenantId());
    json.put("project_id", port.tenantId());
    json.put("mac_address", port.macAddress());
    ArrayNode fixedIps = json.putArray("fixed_ips");
    port.fixedIps().forEach(ip -> fixedIps.addObject().put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress()));
    ArrayNode groups = json.putArray("security_groups");
    port.securityGroupIds().forEach(groups::add);
    json.put("port_security_enabled", port.portSecurityEnabled());
    json.put("admin_state_up", port.adminStateUp());
    json.put("status", port.status());
    json.put("device_owner", port.deviceOwner() == null ? "" : port.deviceOwner());
    json.put("device_id", port.deviceId() == null ? "" : port.deviceId());
    ArrayNode pairs = json.putArray("allowed_address_pairs");
    port.allowedAddressPairs().forEach(pair -> pairs.addObject().put("ip_address", pair.ipAddress()).put("mac_address", pair.macAddress()));
    json.put("binding:host_id", port.binding() == null ? "" : port.binding().hostname());
    json.put("binding:vif_type", port.binding() == null ? "unbound" : "ovs");
    json.put("binding:vnic_type", "normal");
    json.putObject("binding:profile");
    json.putObject("binding:vif_details");
    json.putArray("extra_dhcp_opts");
    json.put("description", "");
    NeutronValues.putTags(json, port.tags());
    json.put("created_at", NeutronNetworks.time(port.createdAt()));
    json.put("updated_at", NeutronNetworks.time(port.updatedAt()));
    json.put("revision_number", port.revision());
    return json;
  }

  private static void rejectUnkept(NeutronBody port) {
    port.onlyAsAlways("binding:vnic_type", "normal", "Tenet's ports are normal (virtio) ports");
    port.onlyAsAlways("description", "", "Tenet keeps no description of a port");
    port.onlyAsAlways("extra_dhcp_opts", List.of(), "Tenet's DHCP takes no extra options");
    if (port.has("binding:profile") && !isEmptyObject(port.raw("binding:profile"))) {
      throw NeutronBody.invalid("binding:profile", "Tenet keeps no binding profile");
    }
    port.string("binding:host_id"); // checked to be a string; where the port is plugged decides the host
  }

  private static boolean isEmptyObject(JsonNode value) {
    return value == null || value.isNull() || (value.isObject() && value.isEmpty());
  }

  private static List<FixedIp> fixedIps(NeutronBody port) {
    List<JsonNode> listed = port.list("fixed_ips");
    if (listed == null) return null;
    List<FixedIp> ips = new ArrayList<>();
    for (JsonNode ip : listed) {
      if (!ip.isObject()) throw NeutronBody.invalid("fixed_ips", "each fixed IP is {\"subnet_id\": ..., \"ip_address\": ...}");
      for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) ip::fields) {
        if (!Set.of("subnet_id", "ip_address").contains(field.getKey())) throw NeutronBody.invalid("fixed_ips", "unknown attribute '" + field.getKey() + "'");
      }
      ips.add(new FixedIp(text(ip, "subnet_id"), text(ip, "ip_address")));
    }
    return ips;
  }

  private static List<AddressPair> addressPairs(NeutronBody port) {
    List<JsonNode> listed = port.list("allowed_address_pairs");
    if (listed == null) return null;
    List<AddressPair> pairs = new ArrayList<>();
    for (JsonNode pair : listed) {
      if (!pair.isObject() || text(pair, "ip_address") == null) {
        throw NeutronBody.invalid("allowed_address_pairs", "each pair is {\"ip_address\": ..., \"mac_address\": ...} (the MAC is optional)");
      }
      pairs.add(new AddressPair(text(pair, "ip_address"), text(pair, "mac_address")));
    }
    return pairs;
  }

  private static List<String> strings(NeutronBody port, String name) {
    List<JsonNode> listed = port.list(name);
    if (listed == null) return null;
    List<String> values = new ArrayList<>();
    for (JsonNode value : listed) {
      if (!value.isTextual()) throw NeutronBody.invalid(name, "'" + value + "' is not an id");
      values.add(value.asText());
    }
    return values;
  }

  private static String text(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
