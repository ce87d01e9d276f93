package io.tenet.api;

import io.tenet.topology.Caller;
import io.tenet.topology.dataplane.PacketTraces;
import io.tenet.topology.dataplane.TraceProtocol;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortView;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.service.PortService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/trace?from=<port>&to=<IPv4 or port>&proto=icmp|tcp|udp|arp&sport=N&dport=N}: the
 * packet the source port's VM would send, traced through the pipeline of its datapath (and across
 * the tunnel). {@code src_mac}, {@code src_ip} and {@code dst_mac} replace what the VM would use,
 * to ask what happens to a spoofed source or an unknown destination MAC. A tenant traces from its own ports (another tenant's port is not found), an
 * administrator from any.
 */
final class TraceRoutes extends RouteSupport {
  private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
  private static final List<String> PARAMETERS = List.of("from", "to", "proto", "sport", "dport", "src_mac", "src_ip", "dst_mac");
  private final PortService ports;
  private final PacketTraces traces;

  TraceRoutes(PortService ports, PacketTraces traces) {
    this.ports = ports;
    this.traces = traces;
  }

  /** The query parameters, checked; {@code to} is an IPv4 address or else a port id. */
  record Query(String from, String to, TraceProtocol protocol, Integer srcPort, Integer dstPort, Overrides overrides) {}

  /** What the caller sets instead of the VM's own addresses (each may be null). */
  record Overrides(String srcMac, String srcIp, String dstMac) {}

  /** The parameters as read: a query, or the one at fault with its error code and a sentence. */
  sealed interface Parsed {
    record Valid(Query query) implements Parsed {}

    record Invalid(String code, String field, String message) implements Parsed {}
  }

  Route route(Caller caller) {
    return path("trace", () -> get(() -> parameterMap(parameters -> {
      Parsed parsed = parse(parameters);
      if (parsed instanceof Parsed.Invalid bad) return complete(error(StatusCodes.BAD_REQUEST, bad.code(), bad.message(), bad.field()));
      return onSuccess(answer(caller, ((Parsed.Valid) parsed).query()), this::complete);
    })));
  }

  /** Pure checks of the query parameters; like a body's unknown field, an unknown parameter is refused rather than ignored. */
  static Parsed parse(Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) return refuse("unknown_parameter", name, "unknown parameter '" + name + "'; known: " + String.join(", ", PARAMETERS));
    }
    Optional<String> from = Optional.ofNullable(parameters.get("from"));
    Optional<String> to = Optional.ofNullable(parameters.get("to"));
    Optional<String> proto = Optional.ofNullable(parameters.get("proto"));
    Optional<String> sport = Optional.ofNullable(parameters.get("sport"));
    Optional<String> dport = Optional.ofNullable(parameters.get("dport"));
    if (from.filter(f -> !f.isBlank()).isEmpty()) return refuse("missing_parameter", "from", "give the source port id as from=<port id>");
    if (to.filter(t -> !t.isBlank()).isEmpty()) return refuse("missing_parameter", "to", "give the destination as to=<IPv4 address or port id>");
    Optional<TraceProtocol> protocol = proto.isEmpty() ? Optional.of(TraceProtocol.ICMP) : TraceProtocol.parse(proto.get());
    if (protocol.isEmpty()) return refuse("invalid_protocol", "proto", "proto must be icmp, tcp, udp or arp");
    Optional<Integer> src = sport.flatMap(TraceRoutes::portNumber);
    Optional<Integer> dst = dport.flatMap(TraceRoutes::portNumber);
    if (sport.isPresent() && src.isEmpty()) return refuse("invalid_port_number", "sport", "sport must be a whole number from 0 to 65535");
    if (dport.isPresent() && dst.isEmpty()) return refuse("invalid_port_number", "dport", "dport must be a whole number from 0 to 65535");
    if ((src.isPresent() || dst.isPresent()) && !protocol.get().hasPorts()) {
      return refuse("ports_need_tcp_or_udp", src.isPresent() ? "sport" : "dport", "sport and dport apply to proto=tcp or proto=udp only");
    }
    Optional<String> srcMac = Optional.ofNullable(parameters.get("src_mac"));
    Optional<String> srcIp = Optional.ofNullable(parameters.get("src_ip"));
    Optional<String> dstMac = Optional.ofNullable(parameters.get("dst_mac"));
    if (srcMac.isPresent() && !MAC.matcher(srcMac.get()).matches()) return refuse("invalid_mac", "src_mac", "src_mac must be a MAC like fa:16:3e:00:00:01");
    if (dstMac.isPresent() && !MAC.matcher(dstMac.get()).matches()) return refuse("invalid_mac", "dst_mac", "dst_mac must be a MAC like fa:16:3e:00:00:01");
    if (srcIp.isPresent() && Ipv4Address.parse(srcIp.get()).isEmpty()) return refuse("invalid_ip", "src_ip", "src_ip must be an IPv4 address");
    // the kernel picks an ephemeral source port; any fixed one serves the trace
    Integer srcPort = protocol.get().hasPorts() ? src.orElse(49152) : null;
    Integer dstPort = protocol.get().hasPorts() ? dst.orElse(0) : null;
    Overrides overrides = new Overrides(srcMac.map(m -> m.toLowerCase(Locale.ROOT)).orElse(null), srcIp.orElse(null),
        dstMac.map(m -> m.toLowerCase(Locale.ROOT)).orElse(null));
    return new Parsed.Valid(new Query(from.get().trim(), to.get().trim(), protocol.get(), srcPort, dstPort, overrides));
  }

  private static Parsed refuse(String code, String field, String message) {
    return new Parsed.Invalid(code, field, message);
  }

  private static Optional<Integer> portNumber(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      return value >= 0 && value <= 65535 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  private CompletionStage<HttpResponse> answer(Caller caller, Query query) {
    return ports.get(caller, query.from()).thenCompose(source -> {
      if (source instanceof Outcome.Rejected<PortView> rejected) return done(problem(rejected.problem()));
      PortView from = ((Outcome.Ok<PortView>) source).value();
      if (from.binding() == null) {
        return done(error(StatusCodes.CONFLICT, "port_not_bound", "port " + from.id() + " is not plugged into any datapath, so there is no pipeline to trace", "from"));
      }
      if (Ipv4Address.parse(query.to()).isPresent()) return trace(request(from, query, query.to(), null), query);
      return ports.get(caller, query.to()).thenCompose(target -> {
        if (target instanceof Outcome.Rejected<PortView> rejected) {
          return done(error(StatusCodes.NOT_FOUND, "not_found", "to is neither an IPv4 address nor a port: " + rejected.problem().message(), "to"));
        }
        PortView to = ((Outcome.Ok<PortView>) target).value();
        Optional<String> ip = to.fixedIps().stream().map(FixedIp::ipAddress).findFirst();
        if (ip.isEmpty()) return done(error(StatusCodes.UNPROCESSABLE_ENTITY, "port_has_no_ip", "port " + to.id() + " has no IPv4 address to send to", "to"));
        return trace(request(from, query, ip.get(), to.macAddress()), query);
      });
    });
  }

  private static TraceRequest request(PortView from, Query query, String dstIp, String dstMac) {
    Overrides given = query.overrides();
    String srcIp = given.srcIp() != null ? given.srcIp() : from.fixedIps().stream().map(FixedIp::ipAddress).findFirst().orElse("0.0.0.0");
    String srcMac = given.srcMac() != null ? given.srcMac() : from.macAddress();
    return new TraceRequest(from.id(), from.binding().datapathId(), from.binding().ofport(), from.networkId(), srcMac, srcIp,
        dstIp, given.dstMac() != null ? given.dstMac() : dstMac, query.protocol(), query.srcPort(), query.dstPort());
  }

  private CompletionStage<HttpResponse> trace(TraceRequest request, Query query) {
    return traces.trace(request).handle((report, failure) -> {
      if (failure == null) return json(StatusCodes.OK, report);
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      return error(StatusCodes.SERVICE_UNAVAILABLE, "datapath_unavailable", "the trace cannot be run now: " + cause.getMessage(), null);
    });
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
