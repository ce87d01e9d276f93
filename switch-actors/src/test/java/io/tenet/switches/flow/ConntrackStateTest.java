package io.tenet.switches.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConntrackStateTest {
  @Test
  void flagsBecomeValueAndMask() {
    assertEquals(new ConntrackState(0x21, 0x21), ConntrackState.parse("+trk+new"));
    assertEquals(new ConntrackState(0x22, 0x36), ConntrackState.parse("+trk+est-rel-inv"));
    assertEquals(new ConntrackState(0, 0x20), ConntrackState.parse("-trk"));
  }

  @Test
  void aPacketMatchesWhenEveryNamedFlagIsAsRequired() {
    ConntrackState established = ConntrackState.parse("+trk+est-inv");
    assertTrue(established.matches("+trk+est+rpl"));
    assertFalse(established.matches("+trk+new"));
    assertFalse(established.matches("+trk+est+inv"));
    assertFalse(ConntrackState.parse("+trk").matches("-trk"), "an untracked packet");
  }

  @Test
  void unknownOrMissingFlagsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ConntrackState.parse("+trk+fresh"));
    assertThrows(IllegalArgumentException.class, () -> ConntrackState.parse("trk"));
    assertThrows(IllegalArgumentException.class, () -> ConntrackState.parse(""));
  }
}
