package io.tenet.switches.datapath;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirectoryRegistrationTest {
  @Test
  void oneAskAtATimeUntilConfirmed() {
    DirectoryRegistration registration = new DirectoryRegistration();
    assertTrue(registration.askNow());
    assertFalse(registration.askNow(), "no second ask while the first is unanswered");
    registration.answered(false);
    assertTrue(registration.askNow(), "a failed ask is asked again");
    registration.answered(true);
    assertTrue(registration.confirmed());
    assertFalse(registration.askNow(), "confirmed: never again");
  }
}
