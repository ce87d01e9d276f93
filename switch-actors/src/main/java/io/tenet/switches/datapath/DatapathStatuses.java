package io.tenet.switches.datapath;

import io.tenet.topology.dataplane.DatapathStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The status of every datapath the directory lists, asked of each entity wherever it runs. Needs only sharding. */
public final class DatapathStatuses {
  /** One slow datapath (its node just died) must not hold the whole list for the full ask timeout: it shows as unknown. */
  static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

  private DatapathStatuses() {}

  /** Every datapath the directory has seen, in its order. */
  public static CompletionStage<List<String>> known(ClusterSharding sharding, Duration askTimeout) {
    return sharding.entityRefFor(DatapathDirectory.ENTITY_KEY, DatapathDirectory.ENTITY_ID)
        .<DatapathDirectory.DatapathIds>ask(DatapathDirectory.ListDatapaths::new, askTimeout).thenApply(ids -> List.copyOf(ids.ids()));
  }

  public static CompletionStage<List<DatapathStatus>> all(ClusterSharding sharding, Duration askTimeout) {
    return known(sharding, askTimeout).thenCompose(ids -> {
      List<CompletableFuture<DatapathStatus>> statuses = new ArrayList<>();
      for (String id : ids) {
        statuses.add(sharding.entityRefFor(DatapathEntity.ENTITY_KEY, id).<DatapathStatus>ask(DatapathEntity.GetStatus::new, STATUS_TIMEOUT)
            .toCompletableFuture().exceptionally(failure -> DatapathStatus.unknown(id)));
      }
      return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).thenApply(done -> statuses.stream().map(CompletableFuture::join).toList());
    });
  }
}
