package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * A packet's way through one datapath: where it entered ({@code ingress}: "port <id>" or "tunnel"),
 * the packet as {@code ovs-appctl ofproto/trace br-int '<flow>'} takes it, every table it went
 * through, and what became of it there.
 */
public record TraceHop(String datapathId, String hostname, String encapIp, String ingress, String flow, List<TraceTableStep> steps,
    TraceVerdict verdict) implements TenetSerializable {
  public TraceHop {
    steps = List.copyOf(steps);
  }
}
