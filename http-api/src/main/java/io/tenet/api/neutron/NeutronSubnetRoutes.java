package io.tenet.api.neutron;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.tenet.topology.Caller;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.SubnetRequest;
import io.tenet.topology.service.NetworkService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2.0/subnets}: the subnets of the networks the caller sees. Creating, changing or deleting
 * one rewrites its network's list of subnets ({@link NetworkRewrite}); a subnet is found by id
 * among the caller's networks.
 */
final class NeutronSubnetRoutes extends NeutronSupport {
  private static final String RESOURCE = "Subnet";
  private final NetworkService networks;

  NeutronSubnetRoutes(NetworkService networks) {
    this.networks = networks;
  }

  /** A subnet with the network it belongs to. */
  record Located(NetworkView network, Subnet subnet) {}

  Route route(Caller caller) {
    return pathPrefix("subnets", () -> concat(
        pathEnd(() -> concat(
            get(() -> listQuery((query, url) -> answer(networks.list(caller),
                all -> page(query, located(all).stream().map(at -> NeutronSubnets.view(at.subnet(), at.network())).toList(), "subnets", url),
                problem -> NeutronError.of(problem, RESOURCE, null)))),
            post(() -> body(json -> {
              NeutronBody body = NeutronBody.of(json, "subnet", NeutronSubnets.createAttributes());
              String networkId = NeutronSubnets.networkOf(body);
              String id = Ids.random();
              SubnetRequest request = NeutronSubnets.create(body, id);
              return written(NetworkRewrite.subnets(networks, caller, networkId, current -> {
                List<SubnetRequest> subnets = requests(current);
                subnets.add(request);
                return subnets;
              }), id, 201);
            })))),
        path(segment(), id -> concat(
            get(() -> listQuery((query, url) -> found(caller, id, at -> complete(json(200, wrapped("subnet",
                query.project(NeutronSubnets.view(at.subnet(), at.network())))))))),
            put(() -> body(json -> {
              NeutronBody changes = NeutronBody.of(json, "subnet", NeutronSubnets.updateAttributes());
              return found(caller, id, at -> written(NetworkRewrite.subnets(networks, caller, at.network().id(), current -> {
                List<SubnetRequest> subnets = new ArrayList<>();
                for (Subnet subnet : current.subnets()) {
                  subnets.add(subnet.id().equals(id) ? NeutronSubnets.update(changes, subnet) : NeutronSubnets.requestOf(subnet));
                }
                return subnets;
              }), id, 200));
            })),
            delete(() -> found(caller, id, at -> onSuccess(NetworkRewrite.subnets(networks, caller, at.network().id(),
                current -> requests(current).stream().filter(s -> !s.id().equals(id)).collect(Collectors.toCollection(ArrayList::new))),
                outcome -> complete(outcome instanceof Outcome.Ok<NetworkView> ? noContent() : error(refusal(outcome, id))))))))));
  }

  /** The subnet {@code id} as the rewritten network has it, or the refusal. */
  private Route written(CompletionStage<Outcome<NetworkView>> rewrite, String id, int status) {
    return onSuccess(rewrite, outcome -> {
      if (!(outcome instanceof Outcome.Ok<NetworkView> ok)) return complete(error(refusal(outcome, id)));
      Subnet subnet = ok.value().subnets().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
      return complete(json(status, wrapped("subnet", NeutronSubnets.view(subnet, ok.value()))));
    });
  }

  private Route found(Caller caller, String id, Function<Located, Route> inner) {
    return then(locate(networks, caller, id), inner, problem -> NeutronError.of(problem, RESOURCE, id));
  }

  /** The subnet {@code id} among the networks the caller sees, with its network. */
  static CompletionStage<Outcome<Located>> locate(NetworkService networks, Caller caller, String id) {
    return networks.list(caller).thenApply(listed -> listed.flatMap(all -> located(all).stream().filter(at -> at.subnet().id().equals(id)).findFirst()
        .map(Outcome::ok).orElseGet(() -> Outcome.rejected(Problem.notFound("subnet", id)))));
  }

  private static List<Located> located(List<NetworkView> all) {
    List<Located> subnets = new ArrayList<>();
    for (NetworkView network : all) for (Subnet subnet : network.subnets()) subnets.add(new Located(network, subnet));
    return subnets;
  }

  private static List<SubnetRequest> requests(NetworkView network) {
    return network.subnets().stream().map(NeutronSubnets::requestOf).collect(Collectors.toCollection(ArrayList::new));
  }

  /** A refusal of the rewrite, naming the subnet's own attribute; a missing network is the subnet's network. */
  private static NeutronError refusal(Outcome<NetworkView> outcome, String subnetId) {
    Problem problem = ((Outcome.Rejected<NetworkView>) outcome).problem();
    Problem own = new Problem(problem.code(), problem.message(), NeutronSubnets.neutronField(problem.field()));
    return switch (problem.code()) {
      case NOT_FOUND -> new NeutronError(404, "NetworkNotFound", problem.message() + ".");
      default -> NeutronError.of(own, RESOURCE, subnetId);
    };
  }
}
