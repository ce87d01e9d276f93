package io.tenet.switches.trace;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.flow.MatchField;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.model.NetworkDataplane;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A datapath's side of a trace: compile the pipeline from the same view the datapath installs,
 * and walk the packet through it. {@code view} is null while the hypervisor has not reported.
 */
public final class DatapathTraces {
  private DatapathTraces() {}

  public static TraceAnswer fromPort(String hostname, DatapathView view, Map<String, NetworkDataplane> networks, TraceRequest request) {
    if (view == null) return new TraceAnswer.CannotTrace("datapath " + request.datapathId() + " has not reported its ports yet");
    if (view.localPorts().stream().noneMatch(p -> p.portId().equals(request.fromPortId()))) {
      return new TraceAnswer.CannotTrace("port " + request.fromPortId() + " is not (yet) in the pipeline of datapath " + view.datapathId());
    }
    Packet packet = IngressPackets.fromPort(request, networks);
    return run(hostname, view, "port " + request.fromPortId(), packet);
  }

  /** Continues a copy that another datapath sent into the tunnel toward this one; it enters on the tunnel port. */
  public static TraceAnswer fromTunnel(String hostname, DatapathView view, Packet arriving) {
    if (view == null) return new TraceAnswer.CannotTrace("the datapath has not reported its ports yet");
    Packet packet = arriving.without(MatchField.METADATA).with(MatchField.IN_PORT, Long.toString(view.tunnelOfport()));
    return run(hostname, view, "tunnel", packet);
  }

  private static TraceAnswer run(String hostname, DatapathView view, String ingress, Packet packet) {
    PipelineTrace trace = new PipelineTracer(FlowCompiler.compile(view), view.tunnelOfport()).trace(packet);
    Map<Long, String> portIds = view.localPorts().stream().collect(Collectors.toMap(LocalPort::ofport, LocalPort::portId, (a, b) -> a));
    HopExplainer.Where where = new HopExplainer.Where(view.datapathId(), hostname, view.encapIp(), portIds);
    return new TraceAnswer.Traced(HopExplainer.explain(where, ingress, trace),
        trace.tunnelled().stream().map(TraceExit.IntoTunnel::packet).toList());
  }
}
