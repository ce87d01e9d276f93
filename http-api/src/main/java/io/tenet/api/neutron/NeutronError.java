package io.tenet.api.neutron;

import io.tenet.topology.model.Problem;

/**
 * A refusal as Neutron words it: the HTTP status, an exception name ({@code type}) and the
 * sentence the OpenStack client prints ({@code message}). The body is
 * {@code {"NeutronError": {"type", "message", "detail"}}}.
 */
public record NeutronError(int status, String type, String message) {

  /** {@code resource} names what the request was about ("Network"), {@code id} which one (null for a create). */
  public static NeutronError of(Problem problem, String resource, String id) {
    return switch (problem.code()) {
      case NOT_FOUND -> new NeutronError(404, resource + "NotFound", resource + " " + id + " could not be found.");
      case INVALID_VALUE, MISSING_VALUE, NOT_UPDATABLE -> invalidInput(problem.field(), problem.message());
      case NETWORK_HAS_PORTS -> new NeutronError(409, "NetworkInUse",
          "Unable to complete operation on network " + id + ". There are one or more ports still in use on the network.");
      case IP_IN_USE -> new NeutronError(409, "IpAddressInUse", "Unable to complete operation: " + problem.message() + ".");
      case MAC_IN_USE -> new NeutronError(409, "MacAddressInUse", "Unable to complete operation: " + problem.message() + ".");
      case SUBNET_IN_USE -> new NeutronError(409, "SubnetInUse",
          "Unable to complete operation on subnet " + id + ": One or more ports have an IP allocation from this subnet.");
      case OVERLAPPING_SUBNET -> invalidInput(null, problem.message());
      case REVISION_MISMATCH -> new NeutronError(412, "RevisionNumberConstraintFailed", problem.message() + ".");
      case SUBNET_EXHAUSTED -> new NeutronError(409, "IpAddressGenerationFailure", "No more IP addresses available: " + problem.message() + ".");
      case ADMIN_ONLY -> new NeutronError(403, "PolicyNotAuthorized", problem.message() + ".");
      case STORAGE_UNAVAILABLE -> new NeutronError(503, "ServiceUnavailable", problem.message() + ".");
      case NOT_REALIZED -> new NeutronError(504, "GatewayTimeout", problem.message() + ".");
      default -> new NeutronError(409, "Conflict", problem.message() + ".");
    };
  }

  /** Neutron's wording of a value it refuses. */
  public static NeutronError invalidInput(String field, String reason) {
    return new NeutronError(400, "InvalidInput",
        field == null ? "Invalid input for operation: " + reason + "." : "Invalid input for " + field + ". Reason: " + reason + ".");
  }

  /** A request naming attributes the resource does not have. */
  public static NeutronError unrecognized(String attributes) {
    return new NeutronError(400, "HTTPBadRequest", "Unrecognized attribute(s) '" + attributes + "'");
  }

  public static NeutronError badRequest(String message) {
    return new NeutronError(400, "HTTPBadRequest", message);
  }

  public static NeutronError unauthorized(String message) {
    return new NeutronError(401, "HTTPUnauthorized", message);
  }

  /** The body Neutron answers with. */
  public Object body() {
    return java.util.Map.of("NeutronError", java.util.Map.of("type", type, "message", message, "detail", ""));
  }
}
