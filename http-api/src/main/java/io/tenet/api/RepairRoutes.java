package io.tenet.api;

import io.tenet.topology.Caller;
import io.tenet.topology.dataplane.DatapathRepairs;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.service.NetworkService;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /v1/datapaths/{id}/reconcile} and {@code POST /v1/networks/{id}/reconcile}, for
 * administrators: a forced diff-and-repair of one datapath, or of one network's flows on every
 * datapath serving it, without a restart; the answer says what each datapath changed.
 */
final class RepairRoutes extends RouteSupport {
  private final DatapathRepairs repairs;
  private final NetworkService networks;

  RepairRoutes(DatapathRepairs repairs, NetworkService networks) {
    this.repairs = repairs;
    this.networks = networks;
  }

  Route route(Caller caller) {
    return concat(
        path(PathMatchers.segment("datapaths").slash(PathMatchers.segment()).slash("reconcile"), id -> post(() -> {
          // to a tenant the hypervisors do not exist, as for GET /v1/datapaths
          if (!caller.admin()) return complete(error(StatusCodes.NOT_FOUND, "not_found", "no such resource", null));
          return onComplete(repairs.repairDatapath(id), result -> complete(!result.isSuccess() ? unavailable()
              : result.get().map(report -> json(StatusCodes.OK, report))
                  .orElseGet(() -> error(StatusCodes.NOT_FOUND, "not_found", "datapath " + id + " does not exist", "id"))));
        })),
        path(PathMatchers.segment("networks").slash(PathMatchers.segment()).slash("reconcile"), id -> post(() -> {
          if (!caller.admin()) return complete(error(StatusCodes.FORBIDDEN, "forbidden", "only an administrator may force a repair", null));
          return onSuccess(networks.get(caller, id), found -> {
            if (found instanceof Outcome.Rejected<?> rejected) return complete(problem(rejected.problem()));
            return onComplete(repairs.repairNetwork(id), result -> complete(!result.isSuccess() ? unavailable()
                : json(StatusCodes.OK, Map.of("network_id", id, "datapaths", result.get()))));
          });
        })));
  }

  private static HttpResponse unavailable() {
    return error(StatusCodes.SERVICE_UNAVAILABLE, "storage_unavailable", "the datapaths cannot be reached right now; retry", null);
  }
}
