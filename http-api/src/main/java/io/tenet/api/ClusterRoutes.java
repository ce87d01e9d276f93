package io.tenet.api;

import io.tenet.topology.Caller;
import io.tenet.topology.cluster.ClusterQueries;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /v1/cluster}: the controller nodes, for administrators (to a tenant it does not exist: 404). */
final class ClusterRoutes extends RouteSupport {
  private final ClusterQueries cluster;

  ClusterRoutes(ClusterQueries cluster) {
    this.cluster = cluster;
  }

  Route route(Caller caller) {
    return path("cluster", () -> {
      if (!caller.admin()) return complete(error(StatusCodes.NOT_FOUND, "not_found", "no such resource", null));
      return get(() -> onSuccess(cluster.status(), status -> complete(json(StatusCodes.OK, status))));
    });
  }
}
