package io.tenet.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.api.console.ConsoleReader;
import io.tenet.topology.Caller;
import io.tenet.topology.Topology;
import io.tenet.topology.cluster.ClusterQueries;
import io.tenet.topology.cluster.LiveClusterStatus;
import io.tenet.topology.dataplane.DatapathQueries;
import io.tenet.topology.dataplane.DatapathRepairs;
import io.tenet.topology.dataplane.PacketTraces;
import io.tenet.topology.metrics.NodeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/** The northbound API under {@code /v1}: authentication, resources, health and the OpenAPI document. */
public final class ApiServer extends RouteSupport {
  static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern REQUEST_ID_SYNTAX = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /**
   * Every route {@link #route()} answers, as "METHOD /path/{param}". Keep it beside the route
   * tree: a test holds docs/api/openapi.json to exactly this list and calls each one live.
   */
  public static final List<String> ENDPOINTS = List.of(
      "GET /v1/health", "GET /v1/openapi.json",
      "GET /v1/tenants", "POST /v1/tenants", "GET /v1/tenants/{id}",
      "GET /v1/networks", "POST /v1/networks", "GET /v1/networks/{id}", "PATCH /v1/networks/{id}", "DELETE /v1/networks/{id}",
      "PUT /v1/networks/{id}/tags", "PUT /v1/networks/{id}/subnets/{subnet_id}/tags",
      "GET /v1/ports", "POST /v1/ports", "GET /v1/ports/{id}", "PATCH /v1/ports/{id}", "DELETE /v1/ports/{id}", "PUT /v1/ports/{id}/tags",
      "GET /v1/security-groups", "POST /v1/security-groups", "GET /v1/security-groups/{id}", "PATCH /v1/security-groups/{id}", "DELETE /v1/security-groups/{id}",
      "PUT /v1/security-groups/{id}/tags",
      "GET /v1/routers", "POST /v1/routers", "GET /v1/routers/{id}", "PATCH /v1/routers/{id}", "DELETE /v1/routers/{id}", "PUT /v1/routers/{id}/tags",
      "POST /v1/routers/{id}/interfaces", "DELETE /v1/routers/{id}/interfaces/{subnet_id}",
      "GET /v1/floating-ips", "POST /v1/floating-ips", "GET /v1/floating-ips/{id}", "PATCH /v1/floating-ips/{id}", "DELETE /v1/floating-ips/{id}",
      "PUT /v1/floating-ips/{id}/tags",
      "GET /v1/l2-gateways", "POST /v1/l2-gateways", "GET /v1/l2-gateways/{id}", "PATCH /v1/l2-gateways/{id}", "DELETE /v1/l2-gateways/{id}",
      "GET /v1/datapaths", "GET /v1/datapaths/{id}", "POST /v1/datapaths/{id}/reconcile", "POST /v1/networks/{id}/reconcile",
      "GET /v1/cluster", "GET /v1/console/stream",
      "GET /v1/trace", "GET /v1/events",
      "GET /v1/health/ready", "GET /v1/health/live", "GET /metrics");

  private final Authenticator authenticator;
  private final HealthCheck health;
  private final TenantRoutes tenants;
  private final NetworkRoutes networks;
  private final PortRoutes ports;
  private final SecurityGroupRoutes securityGroups;
  private final RouterRoutes routers;
  private final FloatingIpRoutes floatingIps;
  private final L2GatewayRoutes l2Gateways;
  private final DatapathRoutes datapaths;
  private final RepairRoutes repairs;
  private final ClusterRoutes cluster;
  private final ConsoleRoutes console;
  private final TraceRoutes traces;
  private final HistoryRoutes history;
  private final byte[] openApi;
  private final ApiMetrics metrics;

  public ApiServer(ActorSystem<?> system, Topology topology, String adminToken) {
    this(system, topology, DatapathQueries.none(), adminToken);
  }

  public ApiServer(ActorSystem<?> system, Topology topology, DatapathQueries datapaths, String adminToken) {
    this(system, topology, datapaths, PacketTraces.none(), adminToken);
  }

  public ApiServer(ActorSystem<?> system, Topology topology, DatapathQueries datapaths, PacketTraces traces, String adminToken) {
    this(system, topology, datapaths, DatapathRepairs.none(), traces, adminToken);
  }

  public ApiServer(ActorSystem<?> system, Topology topology, DatapathQueries datapaths, DatapathRepairs repairs, PacketTraces traces, String adminToken) {
    this.authenticator = new Authenticator(adminToken, topology.tenants());
    this.health = new HealthCheck(system, topology.entities());
    this.tenants = new TenantRoutes(topology.tenants(), adminToken);
    this.networks = new NetworkRoutes(topology.networks(), topology.history());
    this.ports = new PortRoutes(topology.ports(), topology.networks(), topology.history());
    this.history = new HistoryRoutes(topology.history());
    this.securityGroups = new SecurityGroupRoutes(topology.securityGroups(), topology.history());
    this.routers = new RouterRoutes(topology.routers(), topology.history());
    this.floatingIps = new FloatingIpRoutes(topology.floatingIps());
    this.l2Gateways = new L2GatewayRoutes(topology.l2Gateways());
    this.datapaths = new DatapathRoutes(datapaths);
    this.repairs = new RepairRoutes(repairs, topology.networks());
    ClusterQueries clusterQueries = new LiveClusterStatus(system);
    this.cluster = new ClusterRoutes(clusterQueries);
    this.console = new ConsoleRoutes(new ConsoleReader(topology, datapaths, clusterQueries), ConsoleRoutes.POLL_INTERVAL);
    this.traces = new TraceRoutes(topology.ports(), traces);
    this.openApi = readOpenApi();
    this.metrics = new ApiMetrics(NodeMetrics.get(system), ENDPOINTS);
  }

  public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, Topology topology, DatapathQueries datapaths, DatapathRepairs repairs,
      PacketTraces traces, String adminToken, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(new ApiServer(system, topology, datapaths, repairs, traces, adminToken).route());
  }

  /** {@code /metrics} sits beside {@code /v1}, where Prometheus looks by default; it is not counted itself. */
  public Route route() {
    return concat(path("metrics", () -> concat(metrics.scrape(), complete(error(StatusCodes.METHOD_NOT_ALLOWED, "method_not_allowed",
        "the metrics are only read, with GET", null).addHeader(Allow.create(HttpMethods.GET))))), metrics.instrument(this::apiRoute));
  }

  private Route apiRoute() {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> concat(console.assets(), pathPrefix("v1", () -> concat(
        path("health", () -> get(() -> onSuccess(health.check(), status ->
            complete(json("ok".equals(status.status()) ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, status))))),
        path(segment("health").slash("ready"), () -> get(() -> onSuccess(health.ready(), this::healthResponse))),
        path(segment("health").slash("live"), () -> get(() -> onSuccess(health.live(), this::healthResponse))),
        path("openapi.json", () -> get(() -> complete(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, openApi)))),
        requestId(requestId -> authenticated(authenticated -> {
          Caller caller = authenticated.inRequest(requestId);
          return concat(
              tenants.route(caller),
              repairs.route(caller),
              networks.route(caller),
              ports.route(caller),
              securityGroups.route(caller),
              routers.route(caller),
              floatingIps.route(caller),
              l2Gateways.route(caller),
              datapaths.route(caller),
              cluster.route(caller),
              console.stream(caller),
              traces.route(caller),
              history.route(caller));
        })),
        pathEnd(() -> complete(error(StatusCodes.NOT_FOUND, "not_found", "no such resource", null))))))));
  }

  private Route healthResponse(HealthCheck.Status status) {
    return complete(json("ok".equals(status.status()) ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, status));
  }

  /**
   * The request's id: the client's {@code X-Request-Id} when it is a plain token of at most 128
   * characters, else a new UUID; echoed in the response and recorded in the events it causes.
   */
  private Route requestId(Function<String, Route> inner) {
    return optionalHeaderValueByName(REQUEST_ID, given -> {
      String id = given.filter(value -> REQUEST_ID_SYNTAX.matcher(value).matches()).orElseGet(() -> UUID.randomUUID().toString());
      return respondWithHeader(RawHeader.create(REQUEST_ID, id), () -> inner.apply(id));
    });
  }

  private Route authenticated(Function<Caller, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      Optional<String> token = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim()).filter(t -> !t.isEmpty());
      if (token.isEmpty()) return complete(unauthorized("send 'Authorization: Bearer <token>'"));
      return onComplete(authenticator.authenticate(token.get()), result -> {
        if (result.isFailure()) return complete(error(StatusCodes.SERVICE_UNAVAILABLE, "storage_unavailable", "tokens cannot be checked right now; retry", null));
        return result.get().map(inner).orElseGet(() -> complete(unauthorized("the token is not valid")));
      });
    });
  }

  private static HttpResponse unauthorized(String message) {
    return error(StatusCodes.UNAUTHORIZED, "unauthorized", message, null).addHeader(WWWAuthenticate.create(HttpChallenge.createOAuth2("tenet")));
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(EntityStreamSizeException.class, e -> complete(tooLarge()))
        .build();
  }

  /** Pekko's own refusals (no such route, wrong method) in the API's error shape. */
  private static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) return response;
      String text = response.entity() instanceof HttpEntity.Strict strict ? strict.getData().utf8String() : response.status().reason();
      String code = switch (response.status().intValue()) {
        case 404 -> "not_found";
        case 405 -> "method_not_allowed";
        case 413 -> "body_too_large";
        case 415 -> "unsupported_media_type";
        default -> "bad_request";
      };
      return error(response.status(), code, text, null).withHeaders(response.getHeaders());
    });
  }

  private static byte[] readOpenApi() {
    try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the http-api jar");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("openapi.json could not be read", e);
    }
  }
}
