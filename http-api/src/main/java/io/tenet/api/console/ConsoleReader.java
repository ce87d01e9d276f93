package io.tenet.api.console;

import io.tenet.topology.Caller;
import io.tenet.topology.Topology;
import io.tenet.topology.cluster.ClusterQueries;
import io.tenet.topology.dataplane.DatapathQueries;
import io.tenet.topology.model.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads a {@link ConsoleSnapshot} as an administrator would through the API. Each part has its
 * own deadline: a part not read in time is left null (and filled from the previous snapshot), so
 * a node that is being replaced delays no other part, above all not the cluster view.
 */
public final class ConsoleReader implements Supplier<CompletionStage<ConsoleSnapshot>> {
  static final Duration PART_DEADLINE = Duration.ofMillis(2500);

  private final Topology topology;
  private final DatapathQueries datapaths;
  private final ClusterQueries cluster;

  public ConsoleReader(Topology topology, DatapathQueries datapaths, ClusterQueries cluster) {
    this.topology = topology;
    this.datapaths = datapaths;
    this.cluster = cluster;
  }

  @Override
  public CompletionStage<ConsoleSnapshot> get() {
    Caller admin = Caller.administrator();
    var clusterPart = part(cluster.status());
    var datapathPart = part(datapaths.list());
    var tenantPart = part(ok(topology.tenants().list()));
    var networkPart = part(ok(topology.networks().list(admin)));
    var portPart = part(ok(topology.ports().list(admin)));
    var routerPart = part(ok(topology.routers().list(admin)));
    var groupPart = part(ok(topology.securityGroups().list(admin)));
    return CompletableFuture.allOf(clusterPart, datapathPart, tenantPart, networkPart, portPart, routerPart, groupPart)
        .thenApply(done -> new ConsoleSnapshot(clusterPart.join(), datapathPart.join(), tenantPart.join(), networkPart.join(), portPart.join(), routerPart.join(),
            groupPart.join()));
  }

  /** A refused read (storage unavailable) counts as unread. */
  private static <T> CompletionStage<List<T>> ok(CompletionStage<Outcome<List<T>>> stage) {
    return stage.thenApply(outcome -> outcome instanceof Outcome.Ok<List<T>> ok ? ok.value() : null);
  }

  private static <T> CompletableFuture<T> part(CompletionStage<T> stage) {
    return stage.toCompletableFuture().copy()
        .completeOnTimeout(null, PART_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(failure -> null);
  }
}
