package io.tenet.switches;

import io.tenet.switches.datapath.DatapathEntity;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.trace.Packet;
import io.tenet.switches.trace.TraceAnswer;
import io.tenet.topology.dataplane.DatapathQueries;
import io.tenet.topology.dataplane.DatapathStatus;
import io.tenet.topology.dataplane.PacketTraces;
import io.tenet.topology.dataplane.TraceHop;
import io.tenet.topology.dataplane.TraceReport;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.dataplane.TraceUnavailableException;
import io.tenet.topology.dataplane.TraceVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Traces like ovn-trace does: the source port's datapath walks the packet through its pipeline;
 * each copy it sends into the tunnel continues on the datapath whose encap IP the copy is
 * addressed to, entering from its tunnel port. Each datapath answers from its own entity, so the
 * trace uses exactly the view each one compiles its flows from.
 */
final class SwitchTraces implements PacketTraces {
  private final ClusterSharding sharding;
  private final DatapathQueries datapaths;
  private final Duration askTimeout;

  SwitchTraces(ClusterSharding sharding, DatapathQueries datapaths, Duration askTimeout) {
    this.sharding = sharding;
    this.datapaths = datapaths;
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<TraceReport> trace(TraceRequest request) {
    return ask(request.datapathId(), replyTo -> new DatapathEntity.TraceFromPort(request, replyTo)).thenCompose(first -> {
      if (first.tunnelled().isEmpty()) return CompletableFuture.completedFuture(report(request, List.of(first.hop())));
      return datapaths.list().thenCompose(all -> {
        List<CompletableFuture<TraceHop>> next = new ArrayList<>();
        for (Packet copy : first.tunnelled()) next.add(continueAt(all, copy).toCompletableFuture());
        return CompletableFuture.allOf(next.toArray(CompletableFuture[]::new)).thenApply(done -> {
          List<TraceHop> hops = new ArrayList<>(List.of(first.hop()));
          next.forEach(hop -> hops.add(hop.join()));
          return report(request, hops);
        });
      });
    });
  }

  /** One tunnelled copy on the datapath with its destination encap IP; a copy addressed to nobody ends as a hop saying so. */
  private CompletionStage<TraceHop> continueAt(List<DatapathStatus> all, Packet copy) {
    String encapIp = copy.get(MatchField.TUN_DST);
    Optional<DatapathStatus> target = all.stream().filter(d -> encapIp != null && encapIp.equals(d.encapIp())).findFirst();
    if (target.isEmpty()) {
      TraceVerdict lost = new TraceVerdict(TraceVerdict.Kind.DROPPED, List.of(), "no datapath has the encap IP " + encapIp);
      return CompletableFuture.completedFuture(new TraceHop(null, null, encapIp, "tunnel", copy.ofprotoFlow(), List.of(), lost));
    }
    return ask(target.get().datapathId(), replyTo -> new DatapathEntity.TraceFromTunnel(copy, replyTo)).thenApply(TraceAnswer.Traced::hop);
  }

  private CompletionStage<TraceAnswer.Traced> ask(String datapathId,
      org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<TraceAnswer>, DatapathEntity.Command> command) {
    return sharding.entityRefFor(DatapathEntity.ENTITY_KEY, datapathId).<TraceAnswer>ask(command, askTimeout)
        .exceptionally(failure -> new TraceAnswer.CannotTrace("datapath " + datapathId + " did not answer: " + failure.getMessage()))
        .thenApply(answer -> {
          if (answer instanceof TraceAnswer.CannotTrace cannot) throw new TraceUnavailableException(cannot.reason());
          return (TraceAnswer.Traced) answer;
        });
  }

  static TraceReport report(TraceRequest request, List<TraceHop> hops) {
    String to = request.dstMac() == null ? request.dstIp() : request.dstIp() + " (" + request.dstMac() + ")";
    String summary = hops.stream()
        .map(hop -> (hop.hostname() == null ? hop.encapIp() : hop.hostname()) + ": " + hop.verdict().kind().wireName() + ", " + hop.verdict().reason())
        .collect(Collectors.joining("; then "));
    if (!hops.isEmpty() && hops.get(0).flow().contains("arp_op=1") && request.protocol() != io.tenet.topology.dataplane.TraceProtocol.ARP) {
      summary = "the network has no MAC for " + request.dstIp() + ", so the VM's ARP request was traced: " + summary;
    }
    return new TraceReport(request.fromPortId(), to, request.protocol(), hops, summary);
  }
}
