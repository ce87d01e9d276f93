package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2.0/extensions}: the Neutron API extensions Tenet serves. Only what is implemented is
 * listed: the OpenStack client checks some aliases before commands, and after an error on a
 * request with attributes of an extension it does not find, it replaces the server's message.
 */
final class NeutronExtensions extends NeutronSupport {
  /** One extension: its alias (what clients look for), name and what it adds. */
  record Extension(String alias, String name, String description) {
    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("alias", alias);
      json.put("name", name);
      json.put("description", description);
      json.put("updated", "2013-01-01T10:00:00-00:00");
      json.put("links", List.of());
      return json;
    }
  }

  static final List<Extension> SERVED = List.of(
      new Extension("external-net", "Neutron external network", "Networks with router:external, on a physical network"),
      new Extension("provider", "Provider Network", "provider:network_type, provider:physical_network and provider:segmentation_id"),
      new Extension("net-mtu", "Network MTU", "The MTU of a network"),
      new Extension("project-id", "project_id field enabled", "project_id beside tenant_id"),
      new Extension("router", "Neutron L3 Router", "Routers, their interfaces and external gateways, and floating IPs"),
      new Extension("ext-gw-mode", "Neutron L3 Configurable external gateway mode", "enable_snat of a router's external gateway"),
      new Extension("extraroute", "Neutron Extra Route", "Static routes of a router"),
      new Extension("security-group", "security-group", "Stateful security groups and their rules"),
      new Extension("agent", "agent", "Each hypervisor's datapath as an agent, alive while connected"),
      new Extension("binding", "Port Binding", "binding:host_id and binding:vif_type: the hypervisor a port is plugged into"),
      new Extension("port-security", "Port Security", "port_security_enabled of ports"),
      new Extension("allowed-address-pairs", "Allowed Address Pairs", "Addresses and MACs a port may send from besides its own"),
      new Extension("standard-attr-tag", "Tag support for resources with standard attribute",
          "Tags on networks, subnets, ports, security groups, routers and floating IPs, and the tags filters of their lists"));

  Route route() {
    return pathPrefix("extensions", () -> get(() -> concat(
        pathEnd(() -> complete(json(200, Map.of("extensions", SERVED.stream().map(Extension::json).toList())))),
        path(segment(), alias -> SERVED.stream().filter(e -> e.alias().equals(alias)).findFirst()
            .map(e -> complete(json(200, Map.of("extension", e.json()))))
            .orElseGet(() -> complete(error(new NeutronError(404, "ExtensionNotFound", "Extension " + alias + " could not be found."))))))));
  }
}
