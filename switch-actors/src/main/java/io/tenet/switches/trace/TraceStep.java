package io.tenet.switches.trace;

import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import java.util.Optional;

/** One table the packet went through: the flow that matched it there, and the group it went to, if any. */
public record TraceStep(FlowEntry flow, Optional<GroupEntry> group) {}
