package io.tenet.switches.ovsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which OVS bridge carries each physical network on a hypervisor, as its operator published it in
 * {@code Open_vSwitch external_ids:tenet-bridge-mappings=physnet1:br-ex,physnet2:br-vlan}, and
 * whether the hypervisor may host edge gateways ({@code external_ids:tenet-gateway=true}).
 *
 * <p>A malformed entry is left out and named in {@link #problems()}; the others still apply, so
 * a typo in one mapping does not cut the hypervisor's other physical networks.
 */
public record BridgeMappings(Map<String, String> bridgeByPhysicalNetwork, boolean gateway, List<String> problems) {
  public static final String MAPPINGS_KEY = "tenet-bridge-mappings";
  public static final String GATEWAY_KEY = "tenet-gateway";
  /** Physical network and bridge names: what Neutron and OVS accept without quoting. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  public BridgeMappings {
    bridgeByPhysicalNetwork = Map.copyOf(new TreeMap<>(bridgeByPhysicalNetwork));
    problems = List.copyOf(problems);
  }

  public static BridgeMappings none() {
    return new BridgeMappings(Map.of(), false, List.of());
  }

  public static BridgeMappings read(Map<String, String> openVswitchExternalIds) {
    String gatewayText = openVswitchExternalIds.getOrDefault(GATEWAY_KEY, "false").trim();
    List<String> problems = new ArrayList<>();
    if (!gatewayText.equals("true") && !gatewayText.equals("false")) {
      problems.add(GATEWAY_KEY + "=" + gatewayText + " is neither true nor false: taken as false");
    }
    return new BridgeMappings(parse(openVswitchExternalIds.getOrDefault(MAPPINGS_KEY, ""), problems), gatewayText.equals("true"), problems);
  }

  private static Map<String, String> parse(String text, List<String> problems) {
    Map<String, String> mappings = new TreeMap<>();
    Map<String, String> physicalNetworkByBridge = new TreeMap<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) continue;
      int colon = trimmed.indexOf(':');
      String physicalNetwork = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
      String bridge = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
      if (!NAME.matcher(physicalNetwork).matches() || !NAME.matcher(bridge).matches()) {
        problems.add("'" + trimmed + "' is not <physical network>:<bridge>");
      } else if (bridge.equals(HypervisorSetup.BRIDGE)) {
        problems.add("'" + trimmed + "' maps a physical network to " + HypervisorSetup.BRIDGE + " itself");
      } else if (mappings.containsKey(physicalNetwork)) {
        problems.add("'" + trimmed + "': " + physicalNetwork + " is mapped twice, the first mapping holds");
      } else if (physicalNetworkByBridge.containsKey(bridge)) {
        // two physical networks on one bridge would be one L2 domain: isolation between them would be a lie
        problems.add("'" + trimmed + "': " + bridge + " already carries " + physicalNetworkByBridge.get(bridge));
      } else {
        mappings.put(physicalNetwork, bridge);
        physicalNetworkByBridge.put(bridge, physicalNetwork);
      }
    }
    return mappings;
  }
}
