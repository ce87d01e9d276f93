package io.tenet.topology.realization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A port is ACTIVE only when bound and its own datapath confirmed it; the other datapaths decide its realization, not its status. */
class PortStatusTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final PortBinding ON_DP1 = new PortBinding("0000000000000001", "hv-1", "192.168.0.1", 5);

  private static PortView port(PortBinding binding) {
    return new PortView("p1", "t1", "n1", "vm", "fa:16:3e:00:00:01", List.of(), List.of(), true, true, "", "",
        binding == null ? PortView.DOWN : PortView.ACTIVE, binding, T, T, 2, null);
  }

  private static DatapathRealization part(String datapathId, RealizationState state) {
    return new DatapathRealization(datapathId, null, state == RealizationState.REALIZED ? 4L : 3L, T, state, state == RealizationState.REALIZED ? null : "later");
  }

  @Test
  void boundAndConfirmedWhereBoundIsActiveEvenIfAnotherDatapathLags() {
    Realization realization = new Realization(RealizationState.PENDING, 4,
        List.of(part("0000000000000001", RealizationState.REALIZED), part("0000000000000002", RealizationState.PENDING)), "later");
    PortView shown = port(ON_DP1).withRealization(realization);
    assertEquals(PortView.ACTIVE, shown.status());
    assertEquals(realization, shown.realization());
  }

  @Test
  void boundButNotConfirmedThereIsDown() {
    Realization realization = new Realization(RealizationState.PENDING, 4,
        List.of(part("0000000000000001", RealizationState.PENDING), part("0000000000000002", RealizationState.REALIZED)), "later");
    assertEquals(PortView.DOWN, port(ON_DP1).withRealization(realization).status());
  }

  @Test
  void unboundIsDownEvenWhenRealized() {
    Realization realization = new Realization(RealizationState.REALIZED, 4, List.of(part("0000000000000002", RealizationState.REALIZED)), null);
    assertEquals(PortView.DOWN, port(null).withRealization(realization).status());
  }
}
