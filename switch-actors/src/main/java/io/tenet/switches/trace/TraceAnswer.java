package io.tenet.switches.trace;

import io.tenet.persistence.TenetSerializable;
import io.tenet.topology.dataplane.TraceHop;
import java.util.List;

/** A datapath's answer to a trace: its hop and the copies it sent into the tunnel (to continue elsewhere), or why it cannot trace. */
public sealed interface TraceAnswer extends TenetSerializable {
  record Traced(TraceHop hop, List<Packet> tunnelled) implements TraceAnswer {
    public Traced {
      tunnelled = List.copyOf(tunnelled);
    }
  }

  record CannotTrace(String reason) implements TraceAnswer {}
}
