package io.tenet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenet network}: create, list, show, change and delete networks, by name or id. */
@Command(name = "network", description = "Networks.", mixinStandardHelpOptions = true)
final class NetworkCommand extends CliCommand {
  static final Resource NETWORKS = Resource.of("networks", "network", List.of(Output.Column.field("ID", "/id"), Output.Column.field("NAME", "/name"),
      Output.Column.field("VNI", "/vni"), Output.Column.joined("SUBNETS", "/subnets", "/cidr"), Output.Column.field("EXTERNAL", "/external"),
      Output.Column.field("REALIZATION", "/realization/state")));

  @Spec
  CommandSpec spec;

  @Override
  CommandSpec spec() {
    return spec;
  }

  @Command(name = "create", description = "Create a network with one subnet.", mixinStandardHelpOptions = true)
  int create(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--cidr", required = true, description = "the subnet, e.g. 10.0.0.0/24") String cidr,
      @Option(names = "--dns", description = "a DNS server handed out by DHCP (repeatable)") List<String> dns,
      @Option(names = "--no-dhcp", description = "do not serve DHCP on the subnet") boolean noDhcp,
      @Option(names = "--tenant", description = "administrators: the tenant that owns the network") String tenantId,
      @Option(names = "--external", description = "administrators: an external network on a physical network (needs --provider-type and --physical-network)") boolean external,
      @Option(names = "--provider-type", paramLabel = "flat|vlan", description = "external: the whole untagged segment, or one VLAN") String providerType,
      @Option(names = "--physical-network", description = "external: as hypervisors name it in tenet-bridge-mappings") String physicalNetwork,
      @Option(names = "--segmentation-id", description = "external vlan: the VLAN id") Integer segmentationId) {
    return call(api -> {
      ObjectNode body = ApiConnection.JSON.createObjectNode().put("name", name);
      if (tenantId != null) body.put("tenant_id", tenantId);
      if (external) body.put("external", true);
      if (providerType != null || physicalNetwork != null || segmentationId != null) {
        ObjectNode provider = body.putObject("provider");
        if (providerType != null) provider.put("type", providerType);
        if (physicalNetwork != null) provider.put("physical_network", physicalNetwork);
        if (segmentationId != null) provider.put("segmentation_id", segmentationId);
      }
      ObjectNode subnet = body.putArray("subnets").addObject().put("cidr", cidr);
      if (dns != null) dns.forEach(subnet.putArray("dns_servers")::add);
      if (noDhcp) subnet.put("dhcp_enabled", false);
      root().output.one(out(), api.post(NETWORKS.collection(), body));
    });
  }

  @Command(name = "list", description = "List networks.", mixinStandardHelpOptions = true)
  int list() {
    return listAll(NETWORKS, ApiQuery.NONE);
  }

  @Command(name = "show", description = "Show a network.", mixinStandardHelpOptions = true)
  int show(@Parameters(paramLabel = "NAME|ID") String network) {
    return showOne(NETWORKS, network);
  }

  @Command(name = "set", description = "Change a network's name, MTU or administrative state.", mixinStandardHelpOptions = true)
  int set(@Parameters(paramLabel = "NAME|ID") String network,
      @Option(names = "--name", description = "the new name") String name,
      @Option(names = "--mtu", description = "the MTU handed to VMs") Integer mtu,
      @Option(names = "--admin-state-up", arity = "1", paramLabel = "true|false") Boolean adminStateUp) {
    ObjectNode changes = ApiConnection.JSON.createObjectNode();
    if (name != null) changes.put("name", name);
    if (mtu != null) changes.put("mtu", mtu);
    if (adminStateUp != null) changes.put("admin_state_up", adminStateUp);
    return patchOne(NETWORKS, network, changes);
  }

  @Command(name = "tag", description = "Set a network's tags: exactly those given (none: remove them all).", mixinStandardHelpOptions = true)
  int tag(@Parameters(index = "0", paramLabel = "NAME|ID") String network, @Parameters(index = "1..*", paramLabel = "TAG", arity = "0..*") List<String> tags) {
    return tagOne(NETWORKS, network, tags);
  }

  @Command(name = "delete", description = "Delete a network (it must have no ports).", mixinStandardHelpOptions = true)
  int delete(@Parameters(paramLabel = "NAME|ID") String network) {
    return deleteOne(NETWORKS, network);
  }
}
