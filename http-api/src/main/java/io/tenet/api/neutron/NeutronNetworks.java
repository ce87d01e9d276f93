package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.NetworkPatch;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.ProviderRequest;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.Subnet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tenet's networks as Neutron networks, both ways (pure). A tenant network is Neutron's
 * {@code vxlan} network with the VNI as segmentation id; an external network
 * ({@code router:external}) is the {@code flat} or {@code vlan} segment of a physical network.
 * Tenet shares no network but external ones (which every project sees) and keeps port security
 * per port, so {@code shared} is always false and {@code port_security_enabled} always true.
 */
final class NeutronNetworks {
  static final String VXLAN = "vxlan";
  private static final Set<String> WRITABLE = Set.of("name", "admin_state_up", "mtu", "description", "shared", "port_security_enabled",
      "availability_zone_hints");
  private static final Set<String> CREATE = NeutronBody.names(WRITABLE, Set.of("tenant_id", "project_id", "router:external", "provider:network_type",
      "provider:physical_network", "provider:segmentation_id"));
  private static final Set<String> UPDATE = NeutronBody.names(WRITABLE, Set.of("router:external"));

  private NeutronNetworks() {}

  /** A create's body as Tenet's request for network {@code id}. */
  static NetworkRequest create(NeutronBody network, String id) {
    rejectUnkept(network);
    String tenantId = network.project();
    boolean external = Boolean.TRUE.equals(network.bool("router:external"));
    String type = network.string("provider:network_type");
    String physicalNetwork = network.string("provider:physical_network");
    Integer segmentation = network.integer("provider:segmentation_id");
    Integer vni = null;
    ProviderRequest provider = null;
    if (type != null && type.toLowerCase(Locale.ROOT).equals(VXLAN)) {
      if (external) throw NeutronBody.invalid("provider:network_type", "an external network is a flat or vlan segment of a physical network, not vxlan");
      if (physicalNetwork != null) throw NeutronBody.invalid("provider:physical_network", "a vxlan network has no physical network");
      vni = segmentation;
    } else if (type != null || physicalNetwork != null || segmentation != null) {
      if (!external) throw NeutronBody.invalid("provider:network_type", "only an external network (router:external) sits on a physical network; tenant networks are vxlan");
      provider = new ProviderRequest(type == null ? null : type.toLowerCase(Locale.ROOT), physicalNetwork, segmentation);
    }
    return new NetworkRequest(id, tenantId, network.string("name"), vni, network.integer("mtu"), network.bool("admin_state_up"), List.of(),
        external ? Boolean.TRUE : null, provider);
  }

  /** An update's body as Tenet's patch of {@code current}; what Tenet cannot change is accepted only unchanged. */
  static NetworkPatch update(NeutronBody network, NetworkView current) {
    rejectUnkept(network);
    Boolean external = network.bool("router:external");
    if (external != null && external != current.external()) {
      throw NeutronBody.invalid("router:external", "a network cannot become external or stop being external; create an external network instead");
    }
    return new NetworkPatch(network.string("name"), network.integer("mtu"), network.bool("admin_state_up"), null);
  }

  static Set<String> createAttributes() {
    return CREATE;
  }

  static Set<String> updateAttributes() {
    return UPDATE;
  }

  /** The network as Neutron shows it. */
  static ObjectNode view(NetworkView network) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", network.id());
    json.put("name", network.name() == null ? "" : network.name());
    json.put("tenant_id", network.tenantId());
    json.put("project_id", network.tenantId());
    json.put("status", network.adminStateUp() ? "ACTIVE" : "DOWN");
    json.put("admin_state_up", network.adminStateUp());
    json.put("shared", false);
    ArrayNode subnets = json.putArray("subnets");
    for (Subnet subnet : network.subnets()) subnets.add(subnet.id());
    json.put("mtu", network.mtu());
    json.put("router:external", network.external());
    if (network.provider() != null) {
      json.put("provider:network_type", network.provider().type().name().toLowerCase(Locale.ROOT));
      json.put("provider:physical_network", network.provider().physicalNetwork());
      if (network.provider().type() == ProviderType.VLAN) json.put("provider:segmentation_id", network.provider().segmentationId());
      else json.putNull("provider:segmentation_id");
    } else {
      json.put("provider:network_type", VXLAN);
      json.putNull("provider:physical_network");
      json.put("provider:segmentation_id", network.vni());
    }
    json.put("port_security_enabled", true);
    json.putArray("availability_zone_hints");
    json.putArray("availability_zones");
    json.put("description", "");
    NeutronValues.putTags(json, network.tags());
    json.put("created_at", time(network.createdAt()));
    json.put("updated_at", time(network.updatedAt()));
    json.put("revision_number", network.revision());
    json.putNull("ipv4_address_scope");
    json.putNull("ipv6_address_scope");
    json.put("is_default", false);
    json.put("l2_adjacency", true);
    return json;
  }

  /** Neutron's timestamps: UTC, whole seconds. */
  static String time(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void rejectUnkept(NeutronBody network) {
    network.onlyAsAlways("shared", false, "Tenet shares no tenant network; an external network (router:external) is visible to every project");
    network.onlyAsAlways("port_security_enabled", true, "Tenet keeps port security per port: create the ports with port_security_enabled false");
    network.onlyAsAlways("description", "", "Tenet keeps no description of a network");
    network.onlyAsAlways("availability_zone_hints", List.of(), "Tenet has no availability zones");
  }
}
