package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.FloatingIpPatch;
import io.tenet.topology.model.FloatingIpRequest;
import io.tenet.topology.model.FloatingIpView;
import java.util.Set;

/** Tenet's floating IPs as Neutron's, both ways (pure). */
final class NeutronFloatingIps {
  private static final Set<String> WRITABLE = Set.of("port_id", "fixed_ip_address", "description");
  private static final Set<String> CREATE = NeutronBody.names(WRITABLE, Set.of("floating_network_id", "floating_ip_address", "tenant_id", "project_id",
      "subnet_id"));

  private NeutronFloatingIps() {}

  static Set<String> createAttributes() {
    return CREATE;
  }

  static Set<String> updateAttributes() {
    return WRITABLE;
  }

  static FloatingIpRequest create(NeutronBody floatingIp, String id) {
    floatingIp.onlyAsAlways("description", "", "Tenet keeps no description of a floating IP");
    if (floatingIp.string("subnet_id") != null) throw NeutronBody.invalid("subnet_id", "Tenet takes the address from the external network's subnet itself");
    String network = floatingIp.string("floating_network_id");
    if (network == null) throw NeutronBody.invalid("floating_network_id", "the external network to take the address from");
    return new FloatingIpRequest(id, floatingIp.project(), network, floatingIp.string("floating_ip_address"), floatingIp.string("port_id"),
        floatingIp.string("fixed_ip_address"));
  }

  /** An update associates with {@code port_id}, or dissociates when it is null; without {@code port_id} nothing changes. */
  static FloatingIpPatch update(NeutronBody floatingIp, FloatingIpView current) {
    floatingIp.onlyAsAlways("description", "", "Tenet keeps no description of a floating IP");
    if (!floatingIp.has("port_id")) return new FloatingIpPatch(current.portId(), current.fixedIpAddress());
    return new FloatingIpPatch(floatingIp.string("port_id"), floatingIp.string("fixed_ip_address"));
  }

  static ObjectNode view(FloatingIpView floatingIp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", floatingIp.id());
    json.put("tenant_id", floatingIp.tenantId());
    json.put("project_id", floatingIp.tenantId());
    json.put("floating_network_id", floatingIp.floatingNetworkId());
    json.put("floating_ip_address", floatingIp.floatingIpAddress());
    json.put("port_id", floatingIp.portId());
    json.put("fixed_ip_address", floatingIp.fixedIpAddress());
    json.put("router_id", floatingIp.routerId());
    json.put("status", floatingIp.portId() == null ? "DOWN" : "ACTIVE");
    json.put("description", "");
    NeutronValues.putTags(json, floatingIp.tags());
    json.put("created_at", NeutronNetworks.time(floatingIp.createdAt()));
    json.put("updated_at", NeutronNetworks.time(floatingIp.updatedAt()));
    json.put("revision_number", floatingIp.revision());
    return json;
  }
}
