package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.dataplane.DatapathStatus;

/**
 * Each hypervisor's datapath as a Neutron agent (pure): there is no agent process on a Tenet
 * hypervisor, only Open vSwitch, so the agent is alive while the datapath's OpenFlow and OVSDB
 * connections to the controllers are up, and its id is the datapath id.
 */
final class NeutronAgents {
  static final String AGENT_TYPE = "Open vSwitch agent";
  static final String BINARY = "tenet-datapath";

  private NeutronAgents() {}

  static ObjectNode view(DatapathStatus datapath) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", datapath.datapathId());
    json.put("agent_type", AGENT_TYPE);
    json.put("binary", BINARY);
    json.put("host", datapath.hostname() == null ? "" : datapath.hostname());
    json.putNull("availability_zone");
    json.put("alive", datapath.openflowConnected() && datapath.ovsdbConnected());
    json.put("admin_state_up", true);
    json.put("topic", "N/A");
    json.put("description", "");
    ObjectNode configurations = json.putObject("configurations");
    configurations.put("tunneling_ip", datapath.encapIp());
    configurations.put("bridge_mappings", String.join(",", datapath.physicalNetworks()));
    configurations.put("devices", datapath.portCount());
    configurations.put("role", datapath.role());
    configurations.put("controller_node", datapath.node());
    json.putNull("heartbeat_timestamp");
    json.putNull("created_at");
    json.putNull("started_at");
    return json;
  }
}
