package io.tenet.switches.trace;

import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.pipeline.Table;
import java.util.List;
import java.util.Optional;

/**
 * A packet's way through one datapath's tables: every flow that matched, in order, and where
 * copies of it left. {@code droppedIn} is the table whose flow ended the walk without output
 * (the packet, or what remained of it after outputs, went no further).
 */
public record PipelineTrace(Packet ingress, List<TraceStep> steps, List<TraceExit> exits, Optional<Table> droppedIn) {
  public PipelineTrace {
    steps = List.copyOf(steps);
    exits = List.copyOf(exits);
  }

  /** The OpenFlow ports copies left by, sorted (the tunnel port once per copy). */
  public List<Long> ports() {
    return exits.stream().flatMap(e -> e instanceof TraceExit.ToPort p ? java.util.stream.Stream.of(p.ofport())
        : e instanceof TraceExit.IntoTunnel t ? java.util.stream.Stream.of(t.ofport()) : java.util.stream.Stream.empty()).sorted().toList();
  }

  public List<TraceExit.IntoTunnel> tunnelled() {
    return exits.stream().filter(TraceExit.IntoTunnel.class::isInstance).map(TraceExit.IntoTunnel.class::cast).toList();
  }

  public boolean toController() {
    return exits.stream().anyMatch(TraceExit.ToController.class::isInstance);
  }

  /** The flow that dropped the packet, when it was dropped. */
  public Optional<FlowEntry> dropFlow() {
    return droppedIn.isEmpty() || steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1).flow());
  }
}
