package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.NetworkRequest;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.service.NetworkService;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v2.0/networks}: Tenet's networks (the same entities as {@code /v1/networks}) in Neutron's shape. */
final class NeutronNetworkRoutes extends NeutronSupport {
  private static final String RESOURCE = "Network";
  private final NetworkService networks;

  NeutronNetworkRoutes(NetworkService networks) {
    this.networks = networks;
  }

  Route route(Caller caller) {
    return pathPrefix("networks", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(networks.list(caller),
                all -> page(query, all.stream().map(NeutronNetworks::view).toList(), "networks", url), problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              String id = Ids.random();
              NetworkRequest request = NeutronNetworks.create(NeutronBody.of(json, "network", NeutronNetworks.createAttributes()), id);
              return answer(networks.create(caller, id, request), created -> json(201, wrapped("network", NeutronNetworks.view(created))),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> answer(networks.get(caller, id),
                network -> json(200, wrapped("network", query.project(NeutronNetworks.view(network)))), problem -> NeutronError.of(problem, RESOURCE, id)))),
            put(() -> body(json -> {
              NeutronBody changes = NeutronBody.of(json, "network", NeutronNetworks.updateAttributes());
              return then(networks.get(caller, id), (NetworkView current) -> answer(networks.update(caller, id, NeutronNetworks.update(changes, current)),
                  updated -> json(200, wrapped("network", NeutronNetworks.view(updated))), problem -> NeutronError.of(problem, RESOURCE, id)),
                  problem -> NeutronError.of(problem, RESOURCE, id));
            })),
            delete(() -> answer(networks.delete(caller, id), deleted -> noContent(), problem -> NeutronError.of(problem, RESOURCE, id)))))));
  }
}
