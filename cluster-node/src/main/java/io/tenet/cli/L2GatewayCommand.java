package io.tenet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet l2-gateway}: bridge a tenant network to a VLAN of a physical network (administrators), list, show, change hosts, delete. */
@Command(name = "l2-gateway", description = "Layer-2 gateways: tenant networks bridged to VLANs of physical networks.", mixinStandardHelpOptions = true)
final class L2GatewayCommand extends CliCommand {
  static final Resource L2_GATEWAYS = Resource.of("l2-gateways", "layer-2 gateway", List.of(Output.Column.field("ID", "/id"),
      Output.Column.field("NETWORK", "/network_id"), Output.Column.field("PHYSNET", "/physical_network"), Output.Column.field("VLAN", "/segmentation_id"),
      Output.Column.field("ACTIVE", "/active_datapath_id")));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Bridge a tenant network to a VLAN through gateway hypervisors.", mixinStandardHelpOptions = true)
  int create(@Option(names = "--network", required = true, paramLabel = "NAME|ID", description = "the tenant network") String network,
      @Option(names = "--physical-network", required = true, description = "as in the hypervisors' tenet-bridge-mappings") String physicalNetwork,
      @Option(names = "--vlan", required = true, description = "the VLAN id (1-4094)") int vlan,
      @Option(names = "--host", paramLabel = "HOSTNAME=PRIORITY", description = "a gateway hypervisor and its priority (repeat it; default: chosen)")
      Map<String, Integer> hosts) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("network_id", resolve(api, NetworkCommand.NETWORKS, network))
          .put("physical_network", physicalNetwork).put("segmentation_id", vlan);
      if (hosts != null) putHosts(body, hosts);
      root().output.one(out(), api.post(L2_GATEWAYS.collection(), body));
    });
  }

  @Command(name = "list", description = "List layer-2 gateways.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(L2_GATEWAYS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a layer-2 gateway, its hosts and the active one.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "ID") String id) {
    return call(api -> root().output.one(out(), api.get(L2_GATEWAYS.item(id))));
  }

  @Command(name = "set", description = "Name the gateway hypervisors and their priorities; the highest becomes active.", mixinStandardHelpOptions = true)
  int set(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--host", required = true, paramLabel = "HOSTNAME=PRIORITY", description = "a gateway hypervisor and its priority (repeat it)")
      Map<String, Integer> hosts) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode();
      putHosts(body, hosts);
      root().output.one(out(), api.patch(L2_GATEWAYS.item(id), body));
    });
  }

  @Command(name = "delete", description = "Remove a layer-2 gateway: the VLAN and the network are apart again.", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "ID") String id) {
    return call(api -> {
      api.delete(L2_GATEWAYS.item(id));
      out().println("deleted layer-2 gateway " + id);
    });
  }

  private static void putHosts(ObjectNode body, Map<String, Integer> hosts) {
    ArrayNode list = body.putArray("hosts");
    hosts.forEach((hostname, priority) -> list.addObject().put("hostname", hostname).put("priority", priority));
  }
}
