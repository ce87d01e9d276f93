package io.tenet.topology.validation;

import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.ProblemException;
import java.util.List;

/** Checks a router's own fields; whether a route's next hop is reachable is the router's call. */
public final class RouterValidation {
  private RouterValidation() {}

  public record RouterFields(String name, boolean adminStateUp, List<HostRoute> routes) {}

  public static Outcome<RouterFields> validate(String name, Boolean adminStateUp, List<HostRoute> routes) {
    return ProblemException.outcome(() -> new RouterFields(
        Fields.name("name", name), adminStateUp == null || adminStateUp, Fields.routes("routes", routes)));
  }
}
