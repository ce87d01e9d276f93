package io.tenet.topology.model;

import java.util.List;

/**
 * Changes to a router; a null field stays as it is; {@code routes} replaces all static routes;
 * {@code externalGateway} sets the router's external gateway, or removes it when it names no network.
 */
public record RouterPatch(String name, Boolean adminStateUp, List<HostRoute> routes, ExternalGatewayRequest externalGateway) {
  public RouterPatch(String name, Boolean adminStateUp, List<HostRoute> routes) {
    this(name, adminStateUp, routes, null);
  }
}
