package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * The answer to a trace: one hop per datapath the packet went through (the source's first; a copy
 * sent into the tunnel continues on the datapath with that encap IP, from its tunnel port), and
 * a one-line {@code summary} of where it ended.
 */
public record TraceReport(String fromPortId, String to, TraceProtocol protocol, List<TraceHop> hops, String summary) implements TenetSerializable {
  public TraceReport {
    hops = List.copyOf(hops);
  }
}
