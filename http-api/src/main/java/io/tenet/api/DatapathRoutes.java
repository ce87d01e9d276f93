package io.tenet.api;

import io.tenet.topology.Caller;
import io.tenet.topology.dataplane.DatapathQueries;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v1/datapaths}: the Open vSwitch bridges under control, for administrators (to a tenant
 * the hypervisors do not exist: 404, like any unknown resource).
 */
final class DatapathRoutes extends RouteSupport {
  private final DatapathQueries datapaths;

  DatapathRoutes(DatapathQueries datapaths) {
    this.datapaths = datapaths;
  }

  Route route(Caller caller) {
    return pathPrefix("datapaths", () -> {
      if (!caller.admin()) return complete(error(StatusCodes.NOT_FOUND, "not_found", "no such resource", null));
      return concat(
          pathEnd(() -> get(() -> onComplete(datapaths.list(), result -> complete(result.isSuccess()
              ? json(StatusCodes.OK, Map.of("datapaths", result.get()))
              : unavailable())))),
          path(PathMatchers.segment(), id -> get(() -> onComplete(datapaths.get(id), result -> complete(!result.isSuccess() ? unavailable()
              : result.get().map(status -> json(StatusCodes.OK, status))
                  .orElseGet(() -> error(StatusCodes.NOT_FOUND, "not_found", "datapath " + id + " does not exist", "id")))))));
    });
  }

  private static org.apache.pekko.http.javadsl.model.HttpResponse unavailable() {
    return error(StatusCodes.SERVICE_UNAVAILABLE, "storage_unavailable", "the datapaths cannot be read right now; retry", null);
  }
}
