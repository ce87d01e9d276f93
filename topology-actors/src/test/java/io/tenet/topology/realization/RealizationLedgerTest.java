package io.tenet.topology.realization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealizationLedgerTest {
  private static final String DP1 = "0000000000000001";
  private static final String DP2 = "0000000000000002";
  private static final Instant T1 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-12-06T10:00:05Z");
  private final RealizationLedger ledger = new RealizationLedger();
  private final Map<String, String> both = new LinkedHashMap<>(Map.of(DP1, "hv-1"));

  {
    both.put(DP2, "hv-2");
  }

  @Test
  void nothingToImplementIsRealized() {
    Realization none = ledger.realizationOf(7, Map.of());
    assertEquals(RealizationState.REALIZED, none.state());
    assertEquals(List.of(), none.datapaths());
    assertNull(none.reason());
  }

  @Test
  void realizedOnlyWhenEveryDatapathConfirmedTheVersionOrANewerOne() {
    ledger.confirmed(DP1, "hv-1", 7, T1);
    Realization half = ledger.realizationOf(7, both);
    assertEquals(RealizationState.PENDING, half.state());
    assertEquals(List.of(DP2), half.missing().stream().map(DatapathRealization::datapathId).toList());
    assertEquals("datapath 0000000000000002 (hv-2) has not confirmed any version yet", half.reason());
    assertEquals(new DatapathRealization(DP1, "hv-1", 7L, T1, RealizationState.REALIZED, null), half.datapaths().get(0));

    ledger.confirmed(DP2, "hv-2", 6, T1);
    assertEquals("datapath 0000000000000002 (hv-2) confirmed version 6, not yet 7", ledger.realizationOf(7, both).reason());
    ledger.confirmed(DP2, "hv-2", 9, T2);
    Realization all = ledger.realizationOf(7, both);
    assertTrue(all.realized());
    assertEquals(9L, all.datapaths().get(1).confirmedVersion());
    assertEquals(T2, all.datapaths().get(1).confirmedAt());
  }

  @Test
  void anOlderConfirmationArrivingLateChangesNothing() {
    ledger.confirmed(DP1, "hv-1", 9, T2);
    ledger.confirmed(DP1, "hv-1", 7, T1);
    DatapathRealization part = ledger.realizationOf(9, Map.of(DP1, "hv-1")).datapaths().get(0);
    assertEquals(9L, part.confirmedVersion());
    assertEquals(T2, part.confirmedAt());
  }

  @Test
  void troubleMakesADatapathPendingUntilItConfirmsAgain() {
    ledger.confirmed(DP1, "hv-1", 7, T1);
    ledger.troubled(DP1, "hv-1", new DataplaneTrouble(false, "the switch's OpenFlow connection to the controller closed", T2));
    Realization cut = ledger.realizationOf(7, Map.of(DP1, "hv-1"));
    assertEquals(RealizationState.PENDING, cut.state());
    assertEquals(7L, cut.datapaths().get(0).confirmedVersion()); // kept for the record
    assertEquals("datapath 0000000000000001 (hv-1): the switch's OpenFlow connection to the controller closed (since " + T2 + ")", cut.reason());

    ledger.confirmed(DP1, "hv-1", 7, T2); // the same version again, after reconciling: the trouble is over
    assertTrue(ledger.realizationOf(7, Map.of(DP1, "hv-1")).realized());
  }

  @Test
  void aRefusalIsAnErrorAndOutranksPending() {
    ledger.troubled(DP1, "hv-1", new DataplaneTrouble(true, "the switch refused a change: OFPBAC_BAD_OUT_PORT", T1));
    Realization refused = ledger.realizationOf(3, both);
    assertEquals(RealizationState.ERROR, refused.state());
    assertEquals(List.of(RealizationState.ERROR, RealizationState.PENDING), refused.datapaths().stream().map(DatapathRealization::state).toList());
    assertTrue(refused.reason().startsWith("2 of 2 datapaths have not confirmed version 3; first: datapath 0000000000000001 (hv-1): the switch refused"),
        refused.reason());
  }
}
