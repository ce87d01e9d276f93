package io.tenet.switches.compile;

import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The table-miss flow of every table, as the pipeline enum declares it. */
final class PipelineFlows {
  private PipelineFlows() {}

  static Set<FlowEntry> flows() {
    return Arrays.stream(Table.values())
        .map(table -> table.missTarget() == null
            ? Flows.flow(table, Priority.MISS, Match.any(), Cookie.pipeline())
            : Flows.flow(table, Priority.MISS, Match.any(), Cookie.pipeline(), Flows.gotoTable(table.missTarget())))
        .collect(Collectors.toSet());
  }
}
