package io.tenet.switches.trace;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import io.tenet.topology.dataplane.TraceHop;
import io.tenet.topology.dataplane.TraceOutput;
import io.tenet.topology.dataplane.TraceTableStep;
import io.tenet.topology.dataplane.TraceVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a {@link PipelineTrace} into what operators read: each table's flow with its owner, and a verdict with its reason. */
public final class HopExplainer {
  private HopExplainer() {}

  /** The datapath a hop ran on; {@code portIds} names the logical port plugged into each local OpenFlow port. */
  public record Where(String datapathId, String hostname, String encapIp, Map<Long, String> portIds) {
    public Where {
      portIds = Map.copyOf(portIds);
    }
  }

  public static TraceHop explain(Where where, String ingress, PipelineTrace trace) {
    List<TraceTableStep> steps = trace.steps().stream().map(HopExplainer::step).toList();
    return new TraceHop(where.datapathId(), where.hostname(), where.encapIp(), ingress, trace.ingress().ofprotoFlow(), steps, verdict(where, trace));
  }

  static TraceTableStep step(TraceStep step) {
    FlowEntry flow = step.flow();
    String actions = flow.actions().isEmpty() ? "drop" : flow.actions().stream().map(Action::ofctl).collect(Collectors.joining(","));
    if (step.group().isPresent()) actions += " (" + step.group().get().ofctl() + ")";
    Cookie cookie = flow.cookie();
    return new TraceTableStep(flow.table().id(), flow.table().shortName(), flow.priority(), flow.match().ofctl().isEmpty() ? "any" : flow.match().ofctl(),
        actions, cookie.hex(), cookie.owner().name().toLowerCase(Locale.ROOT), cookie.ownerId());
  }

  static TraceVerdict verdict(Where where, PipelineTrace trace) {
    List<TraceOutput> outputs = trace.exits().stream().map(exit -> output(where, exit)).toList();
    if (outputs.isEmpty()) return new TraceVerdict(TraceVerdict.Kind.DROPPED, outputs, dropReason(trace));
    if (outputs.size() > 1) {
      return new TraceVerdict(TraceVerdict.Kind.FLOODED, outputs, "copied to " + outputs.size() + " outputs: "
          + outputs.stream().map(HopExplainer::describe).collect(Collectors.joining(", ")));
    }
    TraceOutput only = outputs.get(0);
    return switch (only.kind()) {
      case CONTROLLER -> new TraceVerdict(TraceVerdict.Kind.CONTROLLER, outputs, "handed to the controller by " + ruleOf(trace.steps().get(trace.steps().size() - 1).flow())
          + (trace.steps().get(trace.steps().size() - 1).flow().table() == Table.ARP_DHCP ? ": its DHCP service answers with a packet-out to the port" : ""));
      case TUNNEL -> new TraceVerdict(TraceVerdict.Kind.TUNNEL, outputs, "sent into the tunnel: " + describe(only));
      case PORT -> new TraceVerdict(TraceVerdict.Kind.DELIVERED, outputs, only.ofport() == trace.ingress().inPort()
          ? "answered by the switch: the reply goes back out of the port it came from, " + describe(only)
          : "delivered to " + describe(only));
    };
  }

  private static TraceOutput output(Where where, TraceExit exit) {
    if (exit instanceof TraceExit.ToPort port) return new TraceOutput(TraceOutput.Kind.PORT, port.ofport(), where.portIds().get(port.ofport()), null, null);
    if (exit instanceof TraceExit.IntoTunnel tunnel) return new TraceOutput(TraceOutput.Kind.TUNNEL, tunnel.ofport(), null, tunnel.tunnelDst(), tunnel.tunId());
    return new TraceOutput(TraceOutput.Kind.CONTROLLER, -1, null, null, null);
  }

  static String describe(TraceOutput output) {
    return switch (output.kind()) {
      case PORT -> "port " + (output.portId() == null ? "?" : output.portId()) + " (OpenFlow port " + output.ofport() + ")";
      case TUNNEL -> "encap IP " + output.tunnelDst() + " with VNI " + output.tunId();
      case CONTROLLER -> "the controller";
    };
  }

  private static String dropReason(PipelineTrace trace) {
    Table table = trace.droppedIn().orElseThrow();
    if (trace.dropFlow().isEmpty()) return "no flow of table " + table.id() + " (" + table.shortName() + ") matched";
    FlowEntry flow = trace.dropFlow().get();
    if (flow.priority() == Priority.MISS && flow.cookie().owner() == Cookie.Owner.PIPELINE) {
      return "no rule of table " + table.id() + " (" + table.shortName() + ": " + table.job() + ") matched; its miss drops the packet";
    }
    return "dropped by " + ruleOf(flow) + ": " + flow.ofctl();
  }

  private static String ruleOf(FlowEntry flow) {
    return "the rule of " + flow.cookie().owner().name().toLowerCase(Locale.ROOT) + " " + flow.cookie().ownerId() + " in table " + flow.table().id()
        + " (" + flow.table().shortName() + ")";
  }
}
