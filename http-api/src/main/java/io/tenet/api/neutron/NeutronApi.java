package io.tenet.api.neutron;

import io.tenet.api.ApiMetrics;
import io.tenet.api.Authenticator;
import io.tenet.topology.Caller;
import io.tenet.topology.Topology;
import io.tenet.topology.dataplane.DatapathQueries;
import io.tenet.topology.metrics.NodeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * The OpenStack Networking API (Neutron v2.0) over the same services as {@code /v1}: no second
 * model and no copy, so a change through either API is seen at once through the other.
 * {@code GET /} is Neutron's version discovery; under {@code /v2.0} every request carries Tenet's
 * admin or tenant token in {@code X-Auth-Token}. docs/openstack.md says what maps to what.
 */
public final class NeutronApi extends NeutronSupport {
  static final String TOKEN_HEADER = "X-Auth-Token";
  static final String REQUEST_ID_HEADER = "X-Openstack-Request-Id";
  /** The collections under /v2.0 the API serves, for its resource listing. */
  static final List<String> COLLECTIONS = List.of("networks", "subnets", "ports", "security-groups", "security-group-rules", "routers", "floatingips", "agents", "extensions");
  /** Every route the listener answers, as "METHOD /path/{param}": what its requests are counted under in {@code /metrics}. */
  public static final List<String> ENDPOINTS = endpoints();

  private final Authenticator authenticator;
  private final NeutronNetworkRoutes networks;
  private final NeutronSubnetRoutes subnets;
  private final NeutronPortRoutes ports;
  private final NeutronSecurityGroupRoutes securityGroups;
  private final NeutronSecurityGroupRuleRoutes securityGroupRules;
  private final NeutronRouterRoutes routers;
  private final NeutronFloatingIpRoutes floatingIps;
  private final NeutronAgentRoutes agents;
  private final NeutronTagRoutes tags;
  private final NeutronExtensions extensions = new NeutronExtensions();

  public NeutronApi(Topology topology, DatapathQueries datapaths, String adminToken) {
    this.authenticator = new Authenticator(adminToken, topology.tenants());
    this.networks = new NeutronNetworkRoutes(topology.networks());
    this.subnets = new NeutronSubnetRoutes(topology.networks());
    this.ports = new NeutronPortRoutes(topology.ports());
    this.securityGroups = new NeutronSecurityGroupRoutes(topology.securityGroups());
    this.securityGroupRules = new NeutronSecurityGroupRuleRoutes(topology.securityGroups());
    this.routers = new NeutronRouterRoutes(topology.routers(), topology.networks());
    this.floatingIps = new NeutronFloatingIpRoutes(topology.floatingIps());
    this.agents = new NeutronAgentRoutes(datapaths);
    this.tags = new NeutronTagRoutes(NeutronTaggables.of(topology));
  }

  /** The listener, its requests counted and timed in the node's metrics like {@code /v1}'s, by their own route templates. */
  public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, Topology topology, DatapathQueries datapaths, String adminToken, String host,
      int port) {
    NeutronApi api = new NeutronApi(topology, datapaths, adminToken);
    return Http.get(system).newServerAt(host, port).bind(new ApiMetrics(NodeMetrics.get(system), ENDPOINTS).instrument(api::route));
  }

  private static List<String> endpoints() {
    List<String> all = new ArrayList<>(List.of("GET /", "GET /v2.0", "GET /v2.0/"));
    for (String collection : List.of("networks", "subnets", "ports", "security-groups", "routers", "floatingips")) {
      String items = "/v2.0/" + collection;
      String item = items + "/{id}";
      all.addAll(List.of("GET " + items, "POST " + items, "GET " + item, "PUT " + item, "DELETE " + item,
          "GET " + item + "/tags", "PUT " + item + "/tags", "DELETE " + item + "/tags",
          "GET " + item + "/tags/{tag}", "PUT " + item + "/tags/{tag}", "DELETE " + item + "/tags/{tag}"));
    }
    all.addAll(List.of("GET /v2.0/security-group-rules", "POST /v2.0/security-group-rules", "GET /v2.0/security-group-rules/{id}",
        "DELETE /v2.0/security-group-rules/{id}",
        "PUT /v2.0/routers/{id}/add_router_interface", "PUT /v2.0/routers/{id}/remove_router_interface",
        "GET /v2.0/agents", "GET /v2.0/agents/{id}", "GET /v2.0/extensions", "GET /v2.0/extensions/{alias}"));
    return List.copyOf(all);
  }

  public Route route() {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> concat(
        pathSingleSlash(() -> get(() -> extractUri(uri -> complete(json(200, versions(base(uri.toString()))))))),
        pathPrefix("v2.0", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> extractUri(uri -> complete(json(200, resources(base(uri.toString()))))))),
            requestId(requestId -> authenticated(caller -> {
              Caller inRequest = caller.inRequest(requestId);
              return concat(extensions.route(), networks.route(inRequest), subnets.route(inRequest), ports.route(inRequest), securityGroups.route(inRequest),
                  securityGroupRules.route(inRequest), routers.route(inRequest), floatingIps.route(inRequest),
                  agents.route(inRequest), tags.route(inRequest));
            })))),
        complete(error(new NeutronError(404, "HTTPNotFound", "The resource could not be found."))))));
  }

  /** The versions document: the one version, at {@code /v2.0/} of the address the client used. */
  static Map<String, Object> versions(String base) {
    return Map.of("versions", List.of(Map.of("id", "v2.0", "status", "CURRENT",
        "links", List.of(Map.of("href", base + "/v2.0/", "rel", "self")))));
  }

  private static Map<String, Object> resources(String base) {
    return Map.of("resources", COLLECTIONS.stream().map(name -> Map.of("name", name.substring(0, name.length() - 1), "collection", name,
        "links", List.of(Map.of("href", base + "/v2.0/" + name, "rel", "self")))).toList());
  }

  /** scheme://host:port of a request's address. */
  private static String base(String uri) {
    int pathStart = uri.indexOf('/', uri.indexOf("://") + 3);
    return pathStart < 0 ? uri : uri.substring(0, pathStart);
  }

  private Route requestId(Function<String, Route> inner) {
    String id = "req-" + UUID.randomUUID();
    return respondWithHeader(RawHeader.create(REQUEST_ID_HEADER, id), () -> inner.apply(id));
  }

  private Route authenticated(Function<Caller, Route> inner) {
    return optionalHeaderValueByName(TOKEN_HEADER, token -> {
      if (token.isEmpty() || token.get().isBlank()) return complete(error(NeutronError.unauthorized("Authentication required: send a Tenet token in X-Auth-Token")));
      return onComplete(authenticator.authenticate(token.get().trim()), result -> {
        if (result.isFailure()) return complete(error(new NeutronError(503, "ServiceUnavailable", "Tokens cannot be checked right now; retry.")));
        return result.get().map(inner).orElseGet(() -> complete(error(NeutronError.unauthorized("The token in X-Auth-Token is not valid."))));
      });
    });
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(NeutronRefused.class, refused -> complete(error(refused.error())))
        .match(EntityStreamSizeException.class, tooLarge -> complete(error(new NeutronError(413, "HTTPRequestEntityTooLarge",
            "The request body is larger than " + MAX_BODY_BYTES + " bytes."))))
        .build();
  }

  /** Pekko's own refusals (wrong method, unreadable body) in Neutron's error shape. */
  private static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (response.entity().getContentType().equals(org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON)) return response;
      String text = response.entity() instanceof HttpEntity.Strict strict ? strict.getData().utf8String() : response.status().reason();
      String type = switch (response.status().intValue()) {
        case 404 -> "HTTPNotFound";
        case 405 -> "HTTPMethodNotAllowed";
        case 413 -> "HTTPRequestEntityTooLarge";
        default -> "HTTPBadRequest";
      };
      return error(new NeutronError(response.status().intValue(), type, text)).withHeaders(response.getHeaders());
    });
  }
}
