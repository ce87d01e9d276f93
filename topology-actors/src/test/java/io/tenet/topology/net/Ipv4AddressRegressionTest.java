package io.tenet.topology.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression test for a fixed defect, described as it was found. Defect (Ipv4Address.parse and Ipv4Cidr.parse): digits are tested with Character::isDigit and
 * read with Integer.parseInt, both of which accept any Unicode decimal digit, so full-width
 * or Arabic-Indic digits pass as an address ("１０.0.0.1" becomes 10.0.0.1) or a prefix length
 * ("10.0.0.0/２４"). The classes promise strict parsing of decimal octets: these must be refused.
 */
class Ipv4AddressRegressionTest {

  @ParameterizedTest
  @ValueSource(strings = {"\uFF11\uFF10.0.0.1", "\u0661\u0660.0.0.1", "10.0.0.\u0967"})
  void refusesNonAsciiDigitsInAddresses(String text) {
    assertTrue(Ipv4Address.parse(text).isEmpty(), () -> "'" + text + "' was accepted as " + Ipv4Address.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/\uFF12\uFF14", "10.0.0.0/\u0968\u096A"})
  void refusesNonAsciiDigitsInPrefixLengths(String text) {
    assertTrue(Ipv4Cidr.parse(text).isEmpty(), () -> "'" + text + "' was accepted as " + Ipv4Cidr.parse(text).orElseThrow());
  }
}
