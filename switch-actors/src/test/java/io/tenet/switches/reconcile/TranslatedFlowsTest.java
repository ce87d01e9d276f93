package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenet.switches.compile.BridgeFlowsTest;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.openflow.LoxiTranslation;
import io.tenet.switches.openflow.UnsupportedFlowException;
import io.tenet.switches.openflow.WireBytes;
import io.tenet.switches.openflow.WireMatch;
import io.tenet.switches.pipeline.Table;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslatedFlowsTest {
  /** A flow comes back as the very object translated before, and as what translating it afresh gives. */
  @Test
  void aFlowIsTranslatedOnceAndAsTranslatingItAfreshWould() {
    CompiledFlows compiled = FlowCompiler.compile(BridgeFlowsTest.HVGW_VIEW);
    SwitchTables first = SwitchTables.desired(compiled);
    SwitchTables again = SwitchTables.desired(FlowCompiler.compile(BridgeFlowsTest.HVGW_VIEW));
    first.flows().forEach((key, flow) -> assertSame(flow, again.flows().get(key)));
    for (FlowEntry flow : compiled.flows()) {
      SwitchFlow fresh = new SwitchFlow(new FlowKey(flow.table().id(), flow.priority(), WireMatch.of(LoxiTranslation.match(flow))), flow.cookie().value(),
          WireBytes.of(LoxiTranslation.instructions(flow)));
      assertEquals(fresh, TranslatedFlows.of(flow), flow.ofctl());
    }
  }

  /** What OpenFlow 1.3 cannot say is refused every time, not remembered as something else. */
  @Test
  void aFlowThatCannotBeTranslatedFailsEveryTime() {
    FlowEntry tpWithoutProto = new FlowEntry(Table.PORT_SECURITY, 10, Match.any().and(MatchField.UDP_SRC, 68), List.of(), Cookie.pipeline());
    CompiledFlows bad = new CompiledFlows(Set.of(tpWithoutProto), Set.of());
    assertThrows(UnsupportedFlowException.class, () -> SwitchTables.desired(bad));
    assertThrows(UnsupportedFlowException.class, () -> SwitchTables.desired(bad));
  }
}
