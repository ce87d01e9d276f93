package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.dataplane.DatapathQueries;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v2.0/agents}: administrators only, as in Neutron; one agent per datapath the cluster knows. */
final class NeutronAgentRoutes extends NeutronSupport {
  private final DatapathQueries datapaths;

  NeutronAgentRoutes(DatapathQueries datapaths) {
    this.datapaths = datapaths;
  }

  Route route(Caller caller) {
    return pathPrefix("agents", () -> {
      if (!caller.admin()) return complete(error(new NeutronError(403, "PolicyNotAuthorized", "Only an administrator may list agents.")));
      return concat(
          pathEnd(() -> get(() -> listQuery((query, url) -> onSuccess(datapaths.list(),
              all -> complete(page(query, all.stream().map(NeutronAgents::view).toList(), "agents", url)))))),
          path(segment(), id -> get(() -> listQuery((query, url) -> onSuccess(datapaths.get(id), found -> complete(found
              .map(datapath -> json(200, wrapped("agent", query.project(NeutronAgents.view(datapath)))))
              .orElseGet(() -> error(new NeutronError(404, "AgentNotFound", "Agent " + id + " could not be found.")))))))));
    });
  }
}
