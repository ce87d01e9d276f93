package io.tenet.switches.dhcp;

import static io.tenet.switches.dhcp.ClientFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DhcpOptionsTest {

  @Test
  void encodingIsCodeLengthValueInOrderThenEnd() {
    DhcpOptions options = DhcpOptions.empty().with(53, bytes(5)).with(54, bytes(10, 0, 0, 2)).with(80, new byte[0]);
    assertArrayEquals(bytes(53, 1, 5, 54, 4, 10, 0, 0, 2, 80, 0, 255), options.encode());
  }

  @Test
  void aValueOver255BytesIsSplitAndJoinedAgain() throws DhcpFrameException {
    byte[] value = new byte[600];
    for (int i = 0; i < value.length; i++) value[i] = (byte) i;
    byte[] encoded = DhcpOptions.empty().with(121, value).encode();
    assertEquals(2 + 255 + 2 + 255 + 2 + 90 + 1, encoded.length);
    int[] headers = {0, 1, 257, 258, 514, 515};
    for (int i = 0; i < headers.length; i++) assertEquals(List.of(121, 255, 121, 255, 121, 90).get(i), encoded[headers[i]] & 0xff, "byte " + headers[i]);
    assertArrayEquals(value, DhcpOptions.read(encoded, 0, encoded.length).get(121).orElseThrow());
  }

  @Test
  void readingStopsAtEndAndSkipsPad() throws DhcpFrameException {
    byte[] field = bytes(0, 0, 53, 1, 1, 0, 255, 53, 1, 3);
    DhcpOptions options = DhcpOptions.read(field, 0, field.length);
    assertEquals(List.of(53), options.codes());
    assertEquals(DhcpMessageType.DISCOVER, options.messageType().orElseThrow());
  }

  @Test
  void badLengthsOfInterpretedOptionsAreRefusedOthersCarried() throws DhcpFrameException {
    assertThrows(IllegalArgumentException.class, () -> DhcpOptions.empty().with(53, bytes(1, 2)));
    assertThrows(IllegalArgumentException.class, () -> DhcpOptions.empty().with(255, bytes(1)));
    byte[] oddLeaseTime = bytes(51, 2, 1, 2, 255);
    assertArrayEquals(bytes(1, 2), DhcpOptions.read(oddLeaseTime, 0, oddLeaseTime.length).get(51).orElseThrow());
  }

  @Test
  void anUnknownMessageTypeIsNoType() throws DhcpFrameException {
    byte[] field = bytes(53, 1, 10, 255);
    assertEquals(Optional.empty(), DhcpOptions.read(field, 0, field.length).messageType());
  }
}
