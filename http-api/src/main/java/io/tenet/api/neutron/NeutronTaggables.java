package io.tenet.api.neutron;

import io.tenet.api.neutron.NeutronTagRoutes.Collection;
import io.tenet.api.neutron.NeutronTagRoutes.Taggable;
import io.tenet.topology.Caller;
import io.tenet.topology.Topology;
import io.tenet.topology.model.FloatingIpView;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.RouterView;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.service.NetworkService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The collections Neutron can tag, each over the service that owns its objects. */
final class NeutronTaggables {
  private NeutronTaggables() {}

  static List<Collection> of(Topology topology) {
    NetworkService networks = topology.networks();
    return List.of(
        new Collection("networks", "Network", taggable(networks::get, (caller, id, change) -> networks.changeTags(caller, id, null, change), NetworkView::tags)),
        new Collection("subnets", "Subnet", new Taggable() {
          @Override
          public CompletionStage<Outcome<List<String>>> tags(Caller caller, String id) {
            return NeutronSubnetRoutes.locate(networks, caller, id).thenApply(found -> found.map(at -> at.subnet().tags()));
          }

          @Override
          public CompletionStage<Outcome<List<String>>> change(Caller caller, String id, TagChange change) {
            return NeutronSubnetRoutes.locate(networks, caller, id).thenCompose(found -> found instanceof Outcome.Ok<NeutronSubnetRoutes.Located> ok
                ? networks.changeTags(caller, ok.value().network().id(), id, change).thenApply(changed -> changed.map(network -> subnetTags(network, id)))
                : CompletableFuture.completedFuture(found.map(at -> at.subnet().tags())));
          }
        }),
        new Collection("ports", "Port", taggable(topology.ports()::get, topology.ports()::changeTags, PortView::tags)),
        new Collection("security-groups", "SecurityGroup", taggable(topology.securityGroups()::get, topology.securityGroups()::changeTags, SecurityGroupView::tags)),
        new Collection("routers", "Router", taggable(topology.routers()::get, topology.routers()::changeTags, RouterView::tags)),
        new Collection("floatingips", "FloatingIP", taggable(topology.floatingIps()::get, topology.floatingIps()::changeTags, FloatingIpView::tags)));
  }

  private static List<String> subnetTags(NetworkView network, String subnetId) {
    return network.subnets().stream().filter(s -> s.id().equals(subnetId)).findFirst().map(Subnet::tags).orElse(List.of());
  }

  interface Reader<T> {
    CompletionStage<Outcome<T>> get(Caller caller, String id);
  }

  interface Changer<T> {
    CompletionStage<Outcome<T>> change(Caller caller, String id, TagChange change);
  }

  private static <T> Taggable taggable(Reader<T> reader, Changer<T> changer, Function<T, List<String>> tagsOf) {
    return new Taggable() {
      @Override
      public CompletionStage<Outcome<List<String>>> tags(Caller caller, String id) {
        return reader.get(caller, id).thenApply(found -> found.map(tagsOf));
      }

      @Override
      public CompletionStage<Outcome<List<String>>> change(Caller caller, String id, TagChange change) {
        return changer.change(caller, id, change).thenApply(changed -> changed.map(tagsOf));
      }
    };
  }
}
